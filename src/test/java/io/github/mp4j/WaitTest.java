package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Connection#await} over connections, queues and processes, in this JVM and across children. */
class WaitTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void onlyThePipeAChildSentOnIsReady() throws Exception {
        List<Pipe> pipes = List.of(Pipe.open(), Pipe.open(), Pipe.open());
        Connection sender = pipes.get(1).conn2();
        Process p = new Process(() -> sender.send("from the child"));
        p.start();
        sender.close();
        List<Connection> readers = pipes.stream().map(Pipe::conn1).toList();
        List<Connection> ready = Connection.await(readers, BOUND);
        assertEquals(List.of(readers.get(1)), ready);
        assertEquals("from the child", ready.get(0).recv());
        p.join(BOUND);
        closeAll(pipes);
    }

    /** The example of {@link Connection#await}'s Javadoc. */
    @Test
    void theJavadocExampleRuns() throws Exception {
        Pipe pipe = Pipe.open();
        Connection results = pipe.conn1();
        Connection sender = pipe.conn2();
        Queue jobs = new Queue();
        Process worker = new Process(() -> sender.send("result"));
        worker.start();
        sender.close();
        List<Object> ready = Connection.await(List.of(results, jobs, worker.sentinel()), Duration.ofSeconds(5));
        assertTrue(ready.contains(results) || ready.contains(worker.sentinel()), ready.toString());
        assertFalse(ready.contains(jobs));
        if (ready.contains(results)) {
            assertEquals("result", results.recv());
        }
        worker.join(BOUND);
        results.close();
        jobs.close();
    }

    @Test
    void socketConnectionsAndAWriteOnlyEnd(@TempDir Path dir) throws Exception {
        try (SocketPair pair = SocketPair.open("unix", dir); SocketPair quiet = SocketPair.open("tcp", dir)) {
            assertEquals(List.of(), Connection.await(List.of(pair.server, quiet.server), Duration.ofMillis(50)));
            pair.client.send("over a socket");
            assertEquals(List.of(pair.server), Connection.await(List.of(quiet.server, pair.server), BOUND));
            assertEquals("over a socket", pair.server.recv());
            quiet.client.close();
            assertEquals(List.of(quiet.server), Connection.await(List.of(pair.server, quiet.server), BOUND));
        }
        Pipe oneWay = Pipe.open(false);
        IOException writeOnly = assertThrows(IOException.class, () -> Connection.await(List.of(oneWay.conn2()), null));
        assertEquals("connection is write-only", writeOnly.getMessage());
        closeAll(List.of(oneWay));
    }

    /**
     * Another process holding the same read end may read the message into the buffer the holders
     * share; no thread here is woken by that, and the wait must still see it.
     */
    @Test
    void aMessageAnotherHolderReadInIsSeen() throws Exception {
        for (int round = 0; round < 3; round++) {
            Pipe pipe = Pipe.open();
            Connection reader = pipe.conn1();
            Connection writer = pipe.conn2();
            Process otherHolder = new Process(() -> {
                reader.poll(BOUND);
                Thread.sleep(60_000);
            });
            otherHolder.start();
            assertEquals(List.of(), Connection.await(List.of(reader), Duration.ofMillis(100)));
            writer.send("shared");
            assertEquals(List.of(reader), Connection.await(List.of(reader), BOUND));
            assertEquals("shared", reader.recv());
            otherHolder.kill();
            otherHolder.join(BOUND);
            closeAll(List.of(pipe));
        }
    }

    @Test
    void timeoutReturnsEmptyWithinTheBound() throws Exception {
        Pipe pipe = Pipe.open();
        Queue queue = new Queue();
        long start = System.nanoTime();
        List<Object> ready = Connection.await(List.of(pipe.conn1(), queue), Duration.ofMillis(200));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(List.of(), ready);
        assertTrue(tookMillis >= 190 && tookMillis < 5_000, "took " + tookMillis + " ms");
        assertEquals(List.of(), Connection.await(List.of(pipe.conn1()), Duration.ZERO));
        assertEquals(List.of(), Connection.await(List.of(pipe.conn1()), Duration.ofSeconds(-1)));
        closeAll(List.of(pipe));
        queue.close();
    }

    @Test
    void zeroTimeoutSeesAMessageAlreadySent() throws Exception {
        Pipe pipe = Pipe.open();
        pipe.conn2().send("waiting");
        Connection reader = pipe.conn1();
        assertEquals(List.of(reader), Connection.await(List.of(reader), Duration.ZERO));
        assertEquals("waiting", reader.recv());
        closeAll(List.of(pipe));
    }

    @Test
    void aProcessEndingMakesItAndItsSentinelReady() throws Exception {
        Process quick = new Process(() -> { });
        Process slow = new Process(() -> Thread.sleep(60_000));
        quick.start();
        slow.start();
        assertEquals(quick.sentinel(), quick.sentinel());
        assertNotEquals(quick.sentinel(), slow.sentinel());
        List<Sentinel> ended = Connection.await(List.of(quick.sentinel(), slow.sentinel()), BOUND);
        assertEquals(List.of(quick.sentinel()), ended);
        assertEquals(List.of(quick), Connection.await(List.of(quick, slow), Duration.ZERO));
        slow.kill();
        assertEquals(List.of(slow), Connection.await(List.of(slow), BOUND));
        assertEquals(-9, slow.exitCode());
        quick.join(BOUND);
    }

    @Test
    void aPeerClosingEverywhereMakesTheConnectionReadyWithEndOfFile() throws Exception {
        Pipe pipe = Pipe.open();
        Connection writer = pipe.conn2();
        Process p = new Process(() -> {
            Thread.sleep(300);
            writer.close();
        });
        p.start();
        writer.close();
        Connection reader = pipe.conn1();
        assertEquals(List.of(reader), Connection.await(List.of(reader), BOUND));
        assertThrows(java.io.EOFException.class, reader::recv);
        p.join(BOUND);
        reader.close();
    }

    @Test
    void aSenderKilledWhileTheReaderWaitsMakesItReadyWithEndOfFile() throws Exception {
        Pipe pipe = Pipe.open();
        Connection writer = pipe.conn2();
        Process p = new Process(() -> {
            writer.send("alive");
            Thread.sleep(60_000);
        });
        p.start();
        writer.close();
        Connection reader = pipe.conn1();
        assertEquals(List.of(reader), Connection.await(List.of(reader), BOUND));
        assertEquals("alive", reader.recv());
        assertEquals(List.of(), Connection.await(List.of(reader), Duration.ofMillis(100)));
        p.kill();
        assertEquals(List.of(p), Connection.await(List.of(p), BOUND));
        assertEquals(List.of(reader), Connection.await(List.of(reader), BOUND));
        assertThrows(java.io.EOFException.class, reader::recv);
        assertEquals(-9, p.exitCode());
        reader.close();
    }

    @Test
    void mixedKindsReportEachInTheOrderGiven() throws Exception {
        Pipe pipe = Pipe.open();
        Queue queue = new Queue();
        Queue silent = new Queue();
        Connection sender = pipe.conn2();
        Process p = new Process(() -> {
            queue.put("item");
            sender.send("message");
        });
        p.start();
        sender.close();
        Connection reader = pipe.conn1();
        List<Object> watched = List.of(silent, p, reader, queue);
        List<Object> ready = new ArrayList<>();
        assertTimeoutPreemptively(BOUND, () -> {
            while (ready.size() < 3) {
                ready.clear();
                ready.addAll(Connection.await(watched, BOUND));
                Thread.sleep(10);
            }
        });
        assertEquals(List.of(p, reader, queue), ready);
        assertEquals("item", queue.get(BOUND));
        assertEquals("message", reader.recv());
        // the child has exited, so every copy of the sending end is closed: the reader is at its end
        assertEquals(List.of(reader), Connection.await(List.of(silent, reader), BOUND));
        assertEquals(List.of(p, reader), Connection.await(watched, Duration.ZERO));
        assertThrows(java.io.EOFException.class, reader::recv);
        queue.close();
        silent.close();
        reader.close();
    }

    @Test
    void aSimpleQueueIsReadyOnceAChildHasPutAnItem() throws Exception {
        SimpleQueue queue = new SimpleQueue();
        assertEquals(List.of(), Connection.await(List.of(queue), Duration.ofMillis(50)));
        Process p = new Process(() -> queue.put("from the child"));
        p.start();
        assertEquals(List.of(queue), Connection.await(List.of(queue), BOUND));
        assertEquals("from the child", queue.get());
        p.join(BOUND);
        queue.close();
        assertThrows(IllegalStateException.class, () -> Connection.await(List.of(queue), Duration.ZERO));
    }

    @Test
    void unsupportedAndClosedObjectsFailBeforeWaiting() throws Exception {
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> Connection.await(List.of("text"), null));
        assertTrue(wrong.getMessage().contains("java.lang.String"), wrong.getMessage());
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(IllegalArgumentException.class, () -> Connection.await(withNull, null));

        Pipe pipe = Pipe.open();
        pipe.conn1().close();
        IOException closed = assertThrows(IOException.class, () -> Connection.await(List.of(pipe.conn1()), null));
        assertEquals("handle is closed", closed.getMessage());
        pipe.conn2().close();

        Queue queue = new Queue();
        queue.close();
        assertThrows(IllegalStateException.class, () -> Connection.await(List.of(queue), null));
        IllegalStateException notStarted = assertThrows(IllegalStateException.class,
                () -> Connection.await(List.of(new Process(() -> { })), null));
        assertEquals("process not started", notStarted.getMessage());
        assertThrows(IllegalStateException.class, () -> Process.current().sentinel());
    }

    @Test
    void anInterruptEndsTheWait() throws Exception {
        Pipe pipe = Pipe.open();
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> Connection.await(List.of(pipe.conn1()), BOUND));
        assertFalse(Thread.interrupted());
        closeAll(List.of(pipe));
    }

    @Test
    void parentIsNullInTheMainJvmAndThisJvmInAChild() throws Exception {
        assertNull(Process.parent());
        Pipe pipe = Pipe.open();
        Connection sender = pipe.conn2();
        Process p = new Process(() -> {
            ParentProcess parent = Process.parent();
            sender.send(List.of(parent.pid(), parent.name(), parent.isAlive(),
                    Connection.await(List.of(parent, parent.sentinel()), Duration.ZERO).size()));
        });
        p.start();
        sender.close();
        assertTrue(pipe.conn1().poll(BOUND));
        assertEquals(List.of(ProcessHandle.current().pid(), "MainProcess", true, 0), pipe.conn1().recv());
        p.join(BOUND);
        closeAll(List.of(pipe));
    }

    @Test
    void aGrandchildsParentIsTheChild() throws Exception {
        Pipe pipe = Pipe.open();
        Connection sender = pipe.conn2();
        Process p = new Process("middle", () -> {
            Process grandchild = new Process(() -> sender.send(List.of(Process.parent().pid(), Process.parent().name())));
            grandchild.start();
            grandchild.join(BOUND);
            sender.send(ProcessHandle.current().pid());
        });
        p.start();
        sender.close();
        assertTrue(pipe.conn1().poll(BOUND));
        List<?> seen = (List<?>) pipe.conn1().recv();
        assertTrue(pipe.conn1().poll(BOUND));
        assertEquals(List.of(pipe.conn1().recv(), "middle"), seen);
        p.join(BOUND);
        closeAll(List.of(pipe));
    }

    @Test
    void aParentThatEndsIsNotAliveAndItsJoinReturns() throws Exception {
        java.lang.Process sleeper = new ProcessBuilder("sleep", "60").start();
        ParentProcess parent = new ParentProcess("sleeper", sleeper.pid());
        assertTrue(parent.isAlive());
        parent.join(Duration.ofMillis(50));
        assertTrue(parent.isAlive());
        sleeper.destroyForcibly();
        assertTimeoutPreemptively(BOUND, () -> parent.join(null));
        assertFalse(parent.isAlive());
        assertEquals(List.of(parent.sentinel()), Connection.await(List.of(parent.sentinel()), Duration.ZERO));
    }

    @Test
    void cpuCountIsWhatThisJvmMayUse() {
        assertEquals(Runtime.getRuntime().availableProcessors(), Process.cpuCount());
        assertTrue(Process.cpuCount() >= 1);
    }

    private static void closeAll(List<Pipe> pipes) throws IOException {
        for (Pipe pipe : pipes) {
            pipe.conn1().close();
            pipe.conn2().close();
        }
    }
}
