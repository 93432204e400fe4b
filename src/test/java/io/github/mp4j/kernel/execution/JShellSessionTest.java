package io.github.mp4j.kernel.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.Eventually;
import io.github.mp4j.shipping.ClassShipping;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class JShellSessionTest {

    @AutoClose
    static final JShellSession session = JShellSession.start();

    @Test
    void lastExpressionIsTheLiveObject() throws Exception {
        CellResult r = session.eval("var xs = new ArrayList<Integer>();\nxs.add(4);\nxs");
        assertTrue(r.hasValue());
        assertInstanceOf(java.util.ArrayList.class, r.value());
        assertEquals(List.of(4), r.value());
        assertEquals(7, session.eval("3 + 4").value());
    }

    @Test
    void declarationsShowNothing() throws Exception {
        assertFalse(session.eval("int unseen = 5;").hasValue());
        assertFalse(session.eval("void hello() {}").hasValue());
        assertEquals(5, session.eval("unseen").value());
    }

    @Test
    void startupImportsShadowJdkNames() throws Exception {
        assertEquals("java.util.concurrent.ConcurrentHashMap",
                session.eval("new ConcurrentHashMap<String, String>().getClass().getName()").value());
    }

    @Test
    void compileErrorNamesLineColumnAndMarksCode() {
        CompilationException e = assertThrows(CompilationException.class,
                () -> session.eval("int fine = 1;\nint bad = fine + missing;"));
        assertTrue(e.getMessage().startsWith("line 2, column 18"), e.getMessage());
        String report = String.join("\n", e.report());
        assertTrue(report.contains("    int bad = fine + missing;\n                     ^^^^^^^"), report);
    }

    @Test
    void runtimeErrorKeepsCellFramesOnly() {
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> session.eval("void boom() { throw new IllegalStateException(\"no\"); }\nboom();"));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        List<String> report = e.report();
        assertEquals("java.lang.IllegalStateException: no", report.get(0));
        assertTrue(report.stream().anyMatch(l -> l.matches("\tat boom\\(#\\d+:1\\)")), report.toString());
        assertTrue(report.stream().anyMatch(l -> l.matches("\tat <cell>\\(#\\d+:1\\)")), report.toString());
        assertTrue(report.stream().noneMatch(l -> l.contains("jdk.jshell") || l.contains("reflect")
                || l.contains("io.github.mp4j.kernel") || l.contains("JShell$")), report.toString());
        EvaluationException caused = assertThrows(EvaluationException.class,
                () -> session.eval("throw new RuntimeException(\"outer\", new java.io.IOException(\"inner\"));"));
        assertTrue(caused.report().contains("Caused by: java.io.IOException: inner"), caused.report().toString());
    }

    @Test
    void interruptStopsBusyLoopAndSleepWithinOneSecond() throws Exception {
        for (String loop : List.of(
                "long n = 0; while (true) { n++; }",
                "Thread.sleep(60_000);",
                // a loop that swallows every Throwable still ends at its backward jump
                "long m = 0; while (true) { try { m++; } catch (Throwable t) { m--; } }",
                // a constructor and a lambda on a thread the cell started
                "class Spin { Spin() { for (;;) {} } }\nnew Spin();",
                "Thread t = new Thread(() -> { do { } while (true); }); t.start(); t.join();",
                "java.util.stream.IntStream.range(0, 4).parallel().forEach(i -> { while (true) {} });")) {
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
            try {
                timer.schedule(session::interrupt, 300, TimeUnit.MILLISECONDS);
                long t0 = System.nanoTime();
                Future<?> f = Executors.newSingleThreadExecutor().submit(() -> session.eval(loop));
                Throwable thrown = assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> f.get(5, TimeUnit.SECONDS)).getCause();
                assertInstanceOf(CellInterrupted.class, thrown, loop);
                assertTrue(System.nanoTime() - t0 < 1_300_000_000L, loop);
            } finally {
                timer.shutdownNow();
            }
            assertNoThreadStillRunsCellCode(loop);
            assertEquals(2, session.eval("1 + 1").value(), "usable after " + loop);
        }
    }

    @Test
    void interruptCancelsThePoolTasksTheCellSubmittedAndNoOthers() throws Exception {
        // threads: a bare session ships no cell classes to worker JVMs (the kernel's environment
        // does; test_kernel_features.py interrupts a map in worker JVMs through a real Jupyter client)
        session.eval("var cellPool = new ThreadPool(2);\ncellPool.apply(() -> 1);");
        io.github.mp4j.Pool pool = (io.github.mp4j.Pool) session.eval("cellPool").value();
        try {
            // submitted from this thread, outside the cell: the interrupt leaves it alone
            io.github.mp4j.AsyncResult<Integer> outsider = pool.applyAsync(() -> {
                Thread.sleep(3_000);
                return 5;
            });
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
            try {
                timer.schedule(session::interrupt, 1_500, TimeUnit.MILLISECONDS);
                Future<?> f = Executors.newSingleThreadExecutor().submit(() -> session.eval(
                        "cellPool.map(x -> { Thread.sleep(60_000); return x; }, List.of(1, 2, 3), 1)"));
                Throwable thrown = assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> f.get(10, TimeUnit.SECONDS)).getCause();
                assertInstanceOf(CellInterrupted.class, thrown);
            } finally {
                timer.shutdownNow();
            }
            assertEquals(5, outsider.get(java.time.Duration.ofSeconds(30)));
            assertEquals(3, pool.state().failed(), "the cell's three chunks were cancelled: " + pool.state());
            assertEquals(List.of(2), session.eval("cellPool.map(x -> x + 1, List.of(1))").value());
        } finally {
            pool.terminate();
        }
    }

    /** After an interrupt no thread (a parallel stream's workers included) may keep spinning in cell code. */
    private static void assertNoThreadStillRunsCellCode(String loop) throws InterruptedException {
        Eventually.holds(java.time.Duration.ofSeconds(2), java.time.Duration.ofMillis(50),
                () -> threadsRunningCellCode().isEmpty());
        assertEquals(List.of(), threadsRunningCellCode(), "still running cell code after interrupting " + loop);
    }

    private static List<String> threadsRunningCellCode() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getState() == Thread.State.RUNNABLE)
                .filter(e -> java.util.Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().startsWith("REPL.")))
                .map(e -> e.getKey().getName()).toList();
    }

    @Test
    void snippetClassesAreShippable() throws Exception {
        session.eval("record Point(int x, int y) implements java.io.Serializable {}");
        Object p = session.eval("new Point(1, 2)").value();
        String name = p.getClass().getName();
        assertNotNull(ClassShipping.find(name), name);
    }

    @Test
    void completionInspectionAndCompleteness() {
        CodeAnalysis a = session.analysis();
        String cell = "int q = 1;\nSystem.out.pri";
        CodeAnalysis.Completions c = a.complete(cell, cell.length());
        assertTrue(c.matches().contains("println("), c.matches().toString());
        assertEquals(cell.length() - 3, c.start());
        String doc = a.inspect("Math.abs", 8);
        assertNotNull(doc);
        assertTrue(doc.contains("abs("), doc);
        assertEquals(CodeAnalysis.Status.COMPLETE, a.isComplete("int z = 1;"));
        assertEquals(CodeAnalysis.Status.INCOMPLETE, a.isComplete("for (int i = 0; i < 3; i++) {"));
    }
}
