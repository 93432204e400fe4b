package io.github.mp4j.shipping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.CapturedOutput;
import java.util.List;
import java.util.Map;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Classes that exist only in a JShell session's memory run in a child JVM. */
class JShellShippingTest {

    private JShellClasses classes;
    private JShell shell;

    @BeforeEach
    void openShell() {
        classes = new JShellClasses(ClassLoader.getSystemClassLoader());
        ClassShipping.register(classes);
        ClassShipping.setLoader(classes.loader());
        shell = JShell.builder().executionEngine(classes.provider(), Map.of()).build();
        shell.addToClasspath(System.getProperty("java.class.path"));
        eval("import io.github.mp4j.*;");
        eval("import io.github.mp4j.Process;");
    }

    @AfterEach
    void closeShell() {
        shell.close();
        ClassShipping.unregister(classes);
        ClassShipping.setLoader(null);
    }

    @Test
    void recordAndLambdaFromASnippetRunInAChild() {
        eval("record Point(int x, int y) implements java.io.Serializable {"
                + " Point scaled(int k) { return new Point(x * k, y * k); } }");
        eval("Object viaChild(Point p) throws Exception {"
                + "  Pipe pipe = Pipe.open();"
                + "  Connection mine = pipe.conn1(), theirs = pipe.conn2();"
                + "  Process child = new Process(() -> theirs.send(java.util.List.of(p.scaled(10), Process.current().pid())));"
                + "  child.start(); theirs.close();"
                + "  Object reply = mine.recv(); child.join(); mine.close();"
                + "  return java.util.List.of(reply, child.exitCode(), child.pid()); }");
        eval("var out = viaChild(new Point(3, 4));");
        String result = eval("out.toString()");
        // [[Point[x=30, y=40], <child pid>], 0, <child pid>]
        assertTrue(result.startsWith("\"[[Point[x=30, y=40], "), result);
        assertTrue(result.contains("], 0, "), result);
        String pids = eval("((java.util.List<?>) ((java.util.List<?>) out).get(0)).get(1).equals(((java.util.List<?>) out).get(2))");
        assertEquals("true", pids);
        assertTrue(classes.find(eval("out.getClass().getName()").replace("\"", "")) == null,
                "a JDK class is not a snippet class");
    }

    @Test
    void methodsRecordsAndLambdasFromSnippetsRunInPoolWorkers() {
        eval("record Point(int x, int y) implements java.io.Serializable {}");
        eval("int norm(Point p) { return p.x() * p.x() + p.y() * p.y(); }");
        eval("class Scaler implements java.io.Serializable { int k = 3; Point scale(Point p) { return new Point(p.x() * k, p.y() * k); } }");
        eval("var pool = new Pool(2);");
        eval("var norms = pool.map(p -> norm(p), java.util.List.of(new Point(1, 2), new Point(3, 4)));");
        assertEquals("\"[5, 25]\"", eval("norms.toString()"));
        // a local travels with the lambda; top-level variables need the kernel's snapshot (StaticStateTest)
        eval("Point viaPool(Pool pool, Scaler s) throws Exception { return pool.apply(() -> s.scale(new Point(1, 1))); }");
        eval("var scaled = viaPool(pool, new Scaler());");
        assertEquals("\"Point[x=3, y=3]\"", eval("scaled.toString()"), "a record made in a worker comes back");
        assertEquals("true", eval("pool.apply(() -> ProcessHandle.current().pid()) != ProcessHandle.current().pid()"));
        eval("pool.terminate();");
    }

    /**
     * A task that carries no pipe end, lock or queue is handed over without waiting for the child to
     * read it: start() returns while the child cannot even have the task's classes, whose bytes the
     * parent holds back here until start() has returned.
     */
    @Test
    void startDoesNotWaitForAChildToReadATaskWithoutHandles() throws Exception {
        eval("record Greeting(String text) implements java.io.Serializable {}");
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ClassBytesSource heldBack = name -> {
            try {
                release.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return classes.find(name);
        };
        ClassShipping.unregister(classes);
        ClassShipping.register(heldBack);
        try {
            eval("var child = new Process(() -> { if (!new Greeting(\"hi\").text().equals(\"hi\")) System.exit(3); });");
            assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> eval("child.start();"),
                    "start() waited for the child to read its task");
            release.countDown();
            eval("child.join(java.time.Duration.ofSeconds(60));");
            assertEquals("0", eval("child.exitCode()"), "the child ran its task once it got the classes");
        } finally {
            release.countDown();
            ClassShipping.unregister(heldBack);
            ClassShipping.register(classes);
        }
    }

    /** A child that cannot read such a task says why on the parent's stderr and exits with status 1. */
    @Test
    void aChildThatCannotReadItsTaskSaysWhyAndExitsWithOne() throws Exception {
        eval("record Broken(int n) implements java.io.Serializable {}");
        ClassBytesSource garbage = name -> name.startsWith("REPL.") ? new byte[] {1, 2, 3} : null;
        ClassShipping.unregister(classes);
        ClassShipping.register(garbage); // the child gets no valid class file for the task's classes
        CapturedOutput err = CapturedOutput.ofErr();
        try {
            eval("var lost = new Process(\"lost\", () -> System.out.println(new Broken(1)));");
            eval("lost.start();");
            eval("lost.join(java.time.Duration.ofSeconds(60));");
            assertEquals("1", eval("lost.exitCode()"));
        } finally {
            err.close();
            ClassShipping.unregister(garbage);
            ClassShipping.register(classes);
        }
        String said = err.text();
        assertTrue(said.contains("lost (pid ") && said.contains("could not start its task")
                && said.contains("ClassFormatError"), said);
    }

    @Test
    void snippetClassFilesAreServedAsResources() throws Exception {
        eval("record Pair(int a, int b) {}");
        // a value's text loses JShell's "$JShell$N$" prefixes unless they are disguised
        String resource = eval("Pair.class.getName().replace('.', '/').replace('$', '#') + \".class\"")
                .replace("\"", "").replace('#', '$');
        byte[] recorded = classes.find(resource.substring(0, resource.length() - 6).replace('/', '.'));
        assertTrue(recorded != null, resource);
        try (java.io.InputStream in = classes.loader().getResourceAsStream(resource)) {
            assertTrue(in != null, "no class file served for " + resource);
            assertTrue(java.util.Arrays.equals(recorded, in.readAllBytes()));
        }
        assertTrue(classes.loader().getResource("REPL/NoSuchSnippet.class") == null);
    }

    private String eval(String code) {
        List<SnippetEvent> events = shell.eval(code);
        for (SnippetEvent e : events) {
            if (e.exception() != null) {
                throw new AssertionError("snippet threw: " + code, e.exception());
            }
            if (e.status() == Snippet.Status.REJECTED) {
                throw new AssertionError("snippet rejected: " + code + " "
                        + shell.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList());
            }
        }
        return events.isEmpty() ? null : events.get(events.size() - 1).value();
    }
}
