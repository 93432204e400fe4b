package io.github.mp4j.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.kernel.execution.JShellSession;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Top-level variables of a JShell session reach the child JVMs that cell code starts. */
class TopLevelVariablesTest {

    @AutoClose
    static final JShellSession session = JShellSession.start();

    @Test
    void aWorkerSeesTheVariablesItsCodeReadsAsTheyWereAtStart() throws Exception {
        session.eval("record Pt(int x, int y) implements java.io.Serializable {}");
        session.eval("int n = 5;");
        session.eval("var origin = new Pt(1, 2);");
        session.eval("int k = 3;");
        session.eval("int timesK(int v) { return v * k; }"); // the task reaches k only through this method
        session.eval("Thread unshippable = new Thread(() -> {});");
        session.eval("var pipe = Pipe.open();");
        session.eval("Connection theirs = pipe.conn2();"); // a pipe end travels as a variable too
        session.eval("List<Object> inChild() throws Exception {\n"
                + "  Process p = new Process(() -> theirs.send(List.of(n, origin, timesK(5), unshippable == null)));\n"
                + "  p.start(); n = 99; theirs.close();\n"
                + "  try (Connection mine = pipe.conn1()) {\n"
                + "    Object reply = mine.recv(); p.join(java.time.Duration.ofSeconds(30));\n"
                + "    return List.of(reply, p.exitCode()); } }");
        Object result = session.eval("inChild()").value();
        assertEquals("[[5, Pt[x=1, y=2], 15, true], 0]", String.valueOf(result));
        assertEquals(99, session.eval("n").value(), "the kernel keeps its own later assignment");
    }

    @Test
    void referencedClassesAreReadFromTheConstantPool() throws Exception {
        byte[] classFile;
        try (var in = TopLevelVariables.class.getResourceAsStream("TopLevelVariables.class")) {
            classFile = in.readAllBytes();
        }
        var names = TopLevelVariables.referencedClasses(classFile);
        assertTrue(names.contains("io.github.mp4j.shipping.ClassBytesSource"), names.toString());
        assertTrue(names.contains("java.util.ArrayDeque"), names.toString());
        assertTrue(names.contains("java.lang.reflect.Field"), names.toString());
        assertTrue(names.stream().noneMatch(n -> n.contains("/") || n.startsWith("[")), names.toString());
    }
}
