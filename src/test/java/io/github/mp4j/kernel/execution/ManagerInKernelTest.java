package io.github.mp4j.kernel.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A manager used from the kernel's JShell: the server reads values of snippet classes, and runs
 * snippet lambdas that read top-level variables, with the values those have at each call.
 */
@Timeout(300)
class ManagerInKernelTest {

    @AutoClose
    static final JShellSession session = JShellSession.start();

    @Test
    void snippetClassesAndTopLevelVariablesReachTheManager() throws Exception {
        session.eval("record Point(int x, int y) implements java.io.Serializable {}");
        session.eval("var manager = Manager.start();");
        session.eval("DictProxy<String, Point> d = manager.dict();");
        session.eval("d.put(\"p\", new Point(1, 2));");                          // a snippet class in the server
        session.eval("int dx = 10;");
        session.eval("d.compute(\"p\", (k, v) -> new Point(v.x() + dx, v.y()));"); // reads dx = 10
        session.eval("dx = 100;");
        session.eval("d.compute(\"p\", (k, v) -> new Point(v.x() + dx, v.y()));"); // reads dx = 100
        session.eval("d.update(\"q\", v -> new Point(7, 7));");
        assertEquals("{p=Point[x=111, y=2], q=Point[x=7, y=7]}", String.valueOf(session.eval("d.toString()").value()));
        session.eval("Process child = new Process(() -> d.merge(\"p\", new Point(0, 5), (a, b) -> new Point(a.x(), a.y() + b.y())));");
        session.eval("child.start(); child.join(java.time.Duration.ofSeconds(120));");
        assertEquals(0, session.eval("child.exitCode()").value());
        assertEquals("Point[x=111, y=7]", String.valueOf(session.eval("d.get(\"p\").toString()").value()));
        session.eval("manager.close();");
    }
}
