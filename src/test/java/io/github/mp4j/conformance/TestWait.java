package io.github.mp4j.conformance;

import static io.github.mp4j.conformance.Children.BOUND;
import static io.github.mp4j.conformance.Sockets.AUTHKEY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.Client;
import io.github.mp4j.Connection;
import io.github.mp4j.Listener;
import io.github.mp4j.Pipe;
import io.github.mp4j.Process;
import io.github.mp4j.Semaphore;
import io.github.mp4j.Sentinel;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * CPython's {@code TestWait}: {@link Connection#await} (Python's {@code connection.wait}) over pipes,
 * sockets and process sentinels. Python's socket tests wait on raw sockets, which a Java wait cannot
 * hold; here they wait on the socket connections of a {@link Listener}, which carry the same bytes.
 */
class TestWait {

    private static void pauseIf(boolean slow) throws InterruptedException {
        if (slow) {
            Thread.sleep(ThreadLocalRandom.current().nextInt(100));
        }
    }

    private static void joinAll(List<Process> procs) throws InterruptedException {
        for (Process p : procs) {
            Children.joined(p);
        }
    }

    /** Takes one message from a connection that {@link Connection#await} found ready. */
    interface Receiver {
        void receive(Connection ready) throws Exception;
    }

    /** CPython's loop: waits on every reader and receives from the ready ones until each meets EOF. */
    private static void drain(List<Connection> readers, Receiver receiver) throws Exception {
        while (!readers.isEmpty()) {
            for (Connection r : Connection.await(readers, BOUND)) {
                try {
                    receiver.receive(r);
                } catch (EOFException end) {
                    readers.remove(r);
                    r.close();
                }
            }
        }
    }

    @Test
    void testWait() throws Exception {
        waitOnPipes(false);
    }

    @Test
    void testWaitSlow() throws Exception {
        waitOnPipes(true);
    }

    private static void waitOnPipes(boolean slow) throws Exception {
        List<Connection> readers = new ArrayList<>();
        List<Process> procs = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Pipe pipe = Pipe.open(false);
            Connection r = pipe.conn1(), w = pipe.conn2();
            procs.add(Children.start(null, () -> {
                for (int n = 0; n < 10; n++) {
                    pauseIf(slow);
                    w.send(n + "@" + ProcessHandle.current().pid());
                }
                w.close();
            }));
            w.close();
            readers.add(r);
        }
        drain(readers, r -> messages.add((String) r.recv()));
        List<String> expected = new ArrayList<>();
        for (Process p : procs) {
            for (int n = 0; n < 10; n++) {
                expected.add(n + "@" + p.pid());
            }
        }
        messages.sort(null);
        expected.sort(null);
        assertEquals(expected, messages);
        joinAll(procs);
    }

    @Test
    void testWaitSocket() throws Exception {
        waitOnSockets(false);
    }

    @Test
    void testWaitSocketSlow() throws Exception {
        waitOnSockets(true);
    }

    private static void waitOnSockets(boolean slow) throws Exception {
        List<Process> procs = new ArrayList<>();
        List<Connection> readers = new ArrayList<>();
        Map<Connection, ByteArrayOutputStream> received = new HashMap<>();
        try (Listener l = new Listener(AUTHKEY)) {
            String address = l.address();
            for (int i = 0; i < 4; i++) {
                procs.add(Children.start(null, () -> {
                    try (Connection s = Client.connect(address, AUTHKEY)) {
                        for (int n = 0; n < 10; n++) {
                            pauseIf(slow);
                            s.sendBytes((n + "\n").getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                }));
            }
            for (int i = 0; i < 4; i++) {
                Connection r = l.accept();
                readers.add(r);
                received.put(r, new ByteArrayOutputStream());
            }
        }
        drain(readers, r -> received.get(r).write(r.recvBytes()));
        StringBuilder expected = new StringBuilder();
        for (int n = 0; n < 10; n++) {
            expected.append(n).append('\n');
        }
        for (ByteArrayOutputStream bytes : received.values()) {
            assertArrayEquals(expected.toString().getBytes(StandardCharsets.US_ASCII), bytes.toByteArray());
        }
        joinAll(procs);
    }

    @Test
    void testWaitTimeout() throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.conn1(); Connection b = pipe.conn2()) {
            long start = System.nanoTime();
            assertEquals(List.of(), Connection.await(List.of(a, b), timeout));
            assertTrue(System.nanoTime() - start >= timeout.toNanos() - Duration.ofMillis(20).toNanos());
            b.send(null);
            assertEquals(List.of(a), Connection.await(List.of(a, b), Duration.ofSeconds(20)));
        }
    }

    @Test
    void testWaitInteger() throws Exception {
        Duration expected = Duration.ofSeconds(2);
        try (Semaphore sem = new Semaphore(0)) {
            Pipe pipe = Pipe.open();
            try (Connection a = pipe.conn1(); Connection b = pipe.conn2()) {
                Process p = new Process(() -> {
                    sem.release();
                    Thread.sleep(expected.toMillis());
                });
                p.start();
                Sentinel sentinel = p.sentinel();
                assertTrue(sem.acquire(Duration.ofSeconds(20)));

                long start = System.nanoTime();
                List<Object> all = List.of(a, sentinel, b);
                assertEquals(List.of(sentinel), Connection.await(all, expected.plusSeconds(20)));
                Duration delta = Duration.ofNanos(System.nanoTime() - start);
                assertTrue(delta.compareTo(expected.minusSeconds(1)) > 0, "the child ended early: " + delta);

                a.send(null);
                assertEquals(List.of(sentinel, b), Connection.await(all, Duration.ofSeconds(20)));
                b.send(null);
                assertEquals(all, Connection.await(all, Duration.ofSeconds(20)));
                p.terminate();
                p.join(BOUND);
            }
        }
    }

    @Test
    void testNegTimeout() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.conn1(); Connection b = pipe.conn2()) {
            long start = System.nanoTime();
            assertEquals(List.of(), Connection.await(List.of(a), Duration.ofSeconds(-1)));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(1).toNanos());
        }
    }
}
