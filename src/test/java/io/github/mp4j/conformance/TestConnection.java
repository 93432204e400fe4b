package io.github.mp4j.conformance;

import static io.github.mp4j.conformance.PythonError.BUFFER_TOO_SHORT;
import static io.github.mp4j.conformance.PythonError.EOF_ERROR;
import static io.github.mp4j.conformance.PythonError.OS_ERROR;
import static io.github.mp4j.conformance.PythonError.VALUE_ERROR;
import static io.github.mp4j.conformance.PythonError.assertRaises;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.BufferTooShort;
import io.github.mp4j.Connection;
import io.github.mp4j.Pipe;
import io.github.mp4j.Process;
import io.github.mp4j.StartMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** CPython's {@code _TestConnection}, for each start method. */
@ParameterizedClass
@EnumSource(StartMethod.class)
@NotApplicable(method = "test_fd_transfer", reason = "Java has no API to send or adopt a raw file descriptor; "
        + "mp4j's Connection, Queue and locks travel into children themselves")
@NotApplicable(method = "test_large_fd_transfer", reason = "Java has no API to send or adopt a raw file descriptor")
@NotApplicable(method = "test_missing_fd_transfer", reason = "Java has no API to send or adopt a raw file descriptor")
class TestConnection {
    private static final byte[] SENTINEL = new byte[0];

    @Parameter
    StartMethod method;

    private static byte[] latin(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** CPython's {@code _echo}: sends back every message until an empty one. */
    private Process echo(Connection conn) throws Exception {
        return Children.start(method, () -> {
            for (byte[] msg; (msg = conn.recvBytes()).length != 0; ) {
                conn.sendBytes(msg);
            }
            conn.close();
        });
    }

    private static long millisOf(ThrowingBoolean poll, boolean expected) throws Exception {
        long start = System.nanoTime();
        assertEquals(expected, poll.get());
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    interface ThrowingBoolean {
        boolean get() throws Exception;
    }

    @Test
    void testConnection() throws Exception {
        Pipe pipe = Pipe.open();
        Connection conn = pipe.conn1(), childConn = pipe.conn2();
        Process p = echo(childConn);
        byte[] msg = latin("hello world");
        byte[] longmsg = latin("hello world".repeat(10));
        byte[] arr = {0, 1, 2, 3};
        try {
            assertTrue(conn.fileno() >= 0);
            conn.send(Arrays.asList(1, 2.25, null));
            assertEquals(Arrays.asList(1, 2.25, null), conn.recv());
            conn.sendBytes(msg);
            assertArrayEquals(msg, conn.recvBytes());

            byte[] buffer = new byte[10];
            conn.sendBytes(arr);
            assertEquals(arr.length, conn.recvBytesInto(buffer));
            assertArrayEquals(new byte[] {0, 1, 2, 3, 0, 0, 0, 0, 0, 0}, buffer);
            buffer = new byte[10];
            conn.sendBytes(arr);
            assertEquals(arr.length, conn.recvBytesInto(buffer, 3));
            assertArrayEquals(new byte[] {0, 0, 0, 0, 1, 2, 3, 0, 0, 0}, buffer);
            byte[] small = latin(" ".repeat(40));
            conn.sendBytes(longmsg);
            BufferTooShort tooShort = (BufferTooShort) assertRaises(BUFFER_TOO_SHORT, () -> conn.recvBytesInto(small));
            assertArrayEquals(longmsg, tooShort.message());

            assertTrue(millisOf(conn::poll, false) < 2000);
            assertTrue(millisOf(() -> conn.poll(Duration.ofMillis(-1)), false) < 2000);
            assertTrue(millisOf(() -> conn.poll(Duration.ofMillis(100)), false) >= 90);
            conn.send(null);
            Thread.sleep(100);
            assertTrue(millisOf(() -> conn.poll(Duration.ofMillis(100)), true) < 2000);
            assertNull(conn.recv());

            byte[] reallyBig = new byte[16 * 1024 * 1024];
            Arrays.fill(reallyBig, (byte) 'X');
            conn.sendBytes(reallyBig);
            assertArrayEquals(reallyBig, conn.recvBytes());

            conn.sendBytes(SENTINEL);
            childConn.close();
            assertTrue(conn.isReadable());
            assertTrue(conn.isWritable());
            assertRaises(EOF_ERROR, conn::recv);
            assertRaises(EOF_ERROR, conn::recvBytes);
            Children.joined(p);
        } finally {
            conn.close();
            childConn.close();
        }
    }

    @Test
    void testDuplexFalse() throws Exception {
        Pipe pipe = Pipe.open(false);
        try (Connection reader = pipe.conn1(); Connection writer = pipe.conn2()) {
            writer.send(1);
            assertEquals(1, reader.recv());
            assertTrue(reader.isReadable());
            assertFalse(reader.isWritable());
            assertFalse(writer.isReadable());
            assertTrue(writer.isWritable());
            assertRaises(OS_ERROR, () -> reader.send(2));
            assertRaises(OS_ERROR, writer::recv);
            assertRaises(OS_ERROR, writer::poll);
        }
    }

    @Test
    void testSpawnClose() throws Exception {
        Pipe pipe = Pipe.open();
        Connection conn = pipe.conn1(), childConn = pipe.conn2();
        Process p = echo(childConn);
        childConn.close(); // at once: the child holds its own copy
        byte[] msg = latin("hello");
        conn.sendBytes(msg);
        assertArrayEquals(msg, conn.recvBytes());
        conn.sendBytes(SENTINEL);
        conn.close();
        Children.joined(p);
    }

    @Test
    void testSendbytes() throws Exception {
        byte[] msg = latin("abcdefghijklmnopqrstuvwxyz");
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.conn1(); Connection b = pipe.conn2()) {
            a.sendBytes(msg);
            assertArrayEquals(msg, b.recvBytes());
            a.sendBytes(msg, 5);
            assertArrayEquals(Arrays.copyOfRange(msg, 5, 26), b.recvBytes());
            a.sendBytes(msg, 7, 8);
            assertArrayEquals(Arrays.copyOfRange(msg, 7, 15), b.recvBytes());
            a.sendBytes(msg, 26);
            assertArrayEquals(new byte[0], b.recvBytes());
            a.sendBytes(msg, 26, 0);
            assertArrayEquals(new byte[0], b.recvBytes());
            assertRaises(VALUE_ERROR, () -> a.sendBytes(msg, 27));
            assertRaises(VALUE_ERROR, () -> a.sendBytes(msg, 22, 5));
            assertRaises(VALUE_ERROR, () -> a.sendBytes(msg, 26, 1));
            assertRaises(VALUE_ERROR, () -> a.sendBytes(msg, -1));
            assertRaises(VALUE_ERROR, () -> a.sendBytes(msg, 4, -1));
        }
    }

    @Test
    void testContext() throws Exception {
        Pipe pipe = Pipe.open();
        Connection a = pipe.conn1(), b = pipe.conn2();
        try (a; b) {
            a.send(1729);
            assertEquals(1729, b.recv());
            assertFalse(a.isClosed());
            assertFalse(b.isClosed());
        }
        for (Connection c : List.of(a, b)) {
            assertTrue(c.isClosed());
            assertRaises(OS_ERROR, c::recv);
        }
    }
}
