package io.github.mp4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.Connection;
import io.github.mp4j.Pipe;
import io.github.mp4j.Process;
import io.github.mp4j.StartMethod;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** CPython's {@code _TestSubclassingProcess}, once per start method. */
@ParameterizedClass(name = "{0}")
@EnumSource(StartMethod.class)
class TestSubclassingProcess extends PerStartMethod {

    @TempDir
    Path tempDir;

    /** CPython's {@code _UpperCaser}: a Process subclass that owns a pipe and serves on it. */
    static final class UpperCaser extends Process {
        private final Connection parentConn;
        private final Connection childConn;

        UpperCaser(Pipe pipe) {
            super(null, serve(pipe.conn2()));
            this.parentConn = pipe.conn1();
            this.childConn = pipe.conn2();
        }

        /** CPython's {@code run()}: upper-cases what arrives until None. */
        private static io.github.mp4j.Task serve(Connection child) {
            return () -> {
                for (Object s; (s = child.recv()) != null; ) {
                    child.send(((String) s).toUpperCase());
                }
                child.close();
            };
        }

        String submit(String s) throws IOException {
            parentConn.send(s);
            return (String) parentConn.recv();
        }

        void stop() throws IOException {
            parentConn.send(null);
            parentConn.close();
            childConn.close();
        }
    }

    @Test
    @Deliberate("a Process runs a Task rather than an overridable run(): a subclass passes its task to super(...)")
    void testSubclassing() throws Exception {
        UpperCaser uppercaser = new UpperCaser(Pipe.open());
        uppercaser.setDaemon(true);
        uppercaser.start(startMethod);
        assertEquals("HELLO", uppercaser.submit("hello"));
        assertEquals("WORLD", uppercaser.submit("world"));
        uppercaser.stop();
        join(uppercaser);
    }

    @Test
    void testStderrFlush() throws Exception {
        String file = tempDir.resolve("stderr.txt").toString();
        Process proc = process(() -> {
            System.setErr(new PrintStream(new FileOutputStream(file), false)); // not flushed by itself
            int zero = 0;
            System.out.println(1 / zero); // MARKER
        });
        proc.start();
        join(proc);
        String err = Files.readString(Path.of(file));
        assertTrue(err.contains("ArithmeticException"), err);
        assertTrue(err.contains("TestSubclassingProcess"), err);
    }

    @Test
    @Deliberate("System.exit takes only a status: Python's sys.exit(reason) with a list or a string prints "
            + "it and exits with 1, which a Java task does by throwing; sys.exit(True/False/None) have no "
            + "Java form")
    void testSysExit() throws Exception {
        String file = tempDir.resolve("reason.txt").toString();
        Process thrower = process(() -> {
            System.setErr(new PrintStream(new FileOutputStream(file), false));
            throw new IllegalStateException("ignore this");
        });
        thrower.setDaemon(true);
        thrower.start();
        join(thrower);
        assertEquals(1, thrower.exitCode());
        assertTrue(Files.readString(Path.of(file)).contains("ignore this"));

        for (List<Integer> c : List.of(List.of(1, 1), List.of(0, 0), List.of(8, 8))) {
            int status = c.get(0);
            Process p = process(() -> System.exit(status));
            p.setDaemon(true);
            p.start();
            join(p);
            assertEquals(c.get(1), p.exitCode());
        }
        Process returns = process(() -> { });
        returns.start();
        join(returns);
        assertEquals(0, returns.exitCode());
    }
}
