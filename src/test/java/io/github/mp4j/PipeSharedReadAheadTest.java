package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A pipe end reads ahead into a buffer that every holder of the end shares: many messages come in
 * with one read, yet each goes to exactly one holder, in order, whichever holder receives next.
 */
class PipeSharedReadAheadTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Duration TEST_BOUND = Duration.ofSeconds(180);

    @Test
    void twoChildrenReceivingInTurnGetEveryMessageOnceAndInOrder() {
        assertTimeoutPreemptively(TEST_BOUND, () -> {
            int messages = 200; // 200 x ~100 bytes: all in the FIFO before anyone reads, one read takes them
            Pipe pipe = Pipe.open(false);
            Connection in = pipe.conn1();
            Connection out = pipe.conn2();
            Pipe results = Pipe.open(false);
            Connection report = results.conn2();
            Semaphore turnA = new Semaphore(1);
            Semaphore turnB = new Semaphore(0);
            for (int i = 0; i < messages; i++) {
                out.send("message " + i + " " + "x".repeat(80));
            }
            Process a = new Process(() -> takeTurns(in, report, turnA, turnB, messages / 2));
            Process b = new Process(() -> takeTurns(in, report, turnB, turnA, messages / 2));
            a.start();
            b.start();
            List<Object> got = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                got.add(results.conn1().recv());
            }
            for (int i = 0; i < messages; i++) {
                assertEquals("message " + i + " " + "x".repeat(80), got.get(i));
            }
            a.join(BOUND);
            b.join(BOUND);
            assertEquals(0, a.exitCode());
            assertEquals(0, b.exitCode());
            assertFalse(in.poll(), "nothing is left for the parent's copy");
        });
    }

    private static void takeTurns(Connection in, Connection report, Semaphore mine, Semaphore theirs, int count)
            throws Exception {
        for (int i = 0; i < count; i++) {
            mine.acquire();
            report.send(in.recv());
            theirs.release();
        }
    }

    @Test
    void aHolderKilledWhileBlockedInRecvDoesNotStopTheOthers() {
        assertTimeoutPreemptively(TEST_BOUND, () -> {
            Pipe pipe = Pipe.open(false);
            Connection in = pipe.conn1();
            Connection out = pipe.conn2();
            Pipe status = Pipe.open(false);
            Connection tell = status.conn2();
            Process blocked = new Process(() -> {
                tell.send("receiving");
                in.recv(); // nothing comes: blocked in the FIFO's read, holding the shared buffer's lock
            });
            blocked.start();
            assertEquals("receiving", status.conn1().recv());
            Thread.sleep(500); // lets the child enter its read; the test holds either way
            blocked.kill();
            blocked.join(BOUND);
            assertEquals(-9, blocked.exitCode());
            out.sendBytes(new byte[] {1, 2, 3});
            out.sendBytes(new byte[] {4});
            assertArrayEquals(new byte[] {1, 2, 3}, in.recvBytes());
            assertArrayEquals(new byte[] {4}, in.recvBytes());
            out.close();
            assertThrows(EOFException.class, in::recvBytes);
        });
    }

    /**
     * A receive waiting for another holder's turn (the child blocked in its read, holding the shared
     * buffer's lock) ends when its thread is interrupted, takes nothing, and leaves the end usable.
     */
    @Test
    void aReceiveWaitingForAnotherHoldersTurnEndsWhenInterrupted() {
        assertTimeoutPreemptively(TEST_BOUND, () -> {
            Pipe pipe = Pipe.open(false);
            Connection in = pipe.conn1();
            Connection out = pipe.conn2();
            Pipe results = Pipe.open(false);
            Connection report = results.conn2();
            Process holder = new Process(() -> {
                report.send("receiving");
                report.send("child got " + in.recv());
            });
            holder.start();
            assertEquals("receiving", results.conn1().recv());
            // the child takes the lock first, most likely; if our receiver got it instead, it is in the
            // FIFO's read, which no interrupt ends: give it a message, and the child has the lock
            java.util.concurrent.CompletableFuture<Object> waiting;
            Thread receiver;
            while (true) {
                waiting = new java.util.concurrent.CompletableFuture<>();
                receiver = receiveOn(in, waiting);
                while (!waitingForTheLock(receiver) && !reading(receiver)) {
                    Thread.sleep(5);
                }
                if (waitingForTheLock(receiver)) {
                    break;
                }
                out.send("for the parent");
                assertEquals("for the parent", waiting.get(BOUND.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
            }
            receiver.interrupt();
            java.util.concurrent.CompletableFuture<Object> interrupted = waiting;
            java.util.concurrent.ExecutionException failed = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> interrupted.get(BOUND.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
            assertTrue(failed.getCause() instanceof java.io.InterruptedIOException, String.valueOf(failed.getCause()));
            out.send("one");
            assertEquals("child got one", results.conn1().recv(), "the child, still receiving, gets the message");
            out.send("two");
            assertEquals("two", in.recv(), "the parent's copy still receives");
            holder.join(BOUND);
            assertEquals(0, holder.exitCode());
        });
    }

    private static Thread receiveOn(Connection in, java.util.concurrent.CompletableFuture<Object> received) {
        Thread receiver = new Thread(() -> {
            try {
                received.complete(in.recv());
            } catch (Throwable e) {
                received.completeExceptionally(e);
            }
        });
        receiver.setDaemon(true);
        receiver.start();
        return receiver;
    }

    private static boolean waitingForTheLock(Thread t) {
        return java.util.Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().endsWith("MappedLock"));
    }

    private static boolean reading(Thread t) {
        StackTraceElement[] stack = t.getStackTrace();
        return stack.length > 0 && stack[0].isNativeMethod() && stack[0].getMethodName().startsWith("read");
    }

    @Test
    void aBoundedPollEndsWhileAnotherHolderIsBlockedInRecv() {
        assertTimeoutPreemptively(TEST_BOUND, () -> {
            Pipe pipe = Pipe.open();
            Connection parent = pipe.conn1();
            Connection child = pipe.conn2();
            Pipe status = Pipe.open(false);
            Connection tell = status.conn2();
            Process p = new Process(() -> {
                tell.send("receiving"); // not through parent's end, which the child is about to read
                Object first = parent.recv(); // the child's copy of the parent's end
                child.send("child got " + first);
            });
            p.start();
            assertEquals("receiving", status.conn1().recv());
            Thread.sleep(300); // the child is (most likely) blocked in its read now
            assertFalse(parent.poll(Duration.ofMillis(200)));
            child.send("one");
            assertEquals("child got one", parent.recv());
            child.send("two"); // the child has exited: the parent's copy receives it
            assertTrue(parent.poll(BOUND));
            assertEquals("two", parent.recv());
            p.join(BOUND);
            assertEquals(0, p.exitCode());
        });
    }

    @Test
    void messagesOfEverySizeArriveIntactInOrder() {
        assertTimeoutPreemptively(TEST_BOUND, () -> {
            // sizes around the buffer's boundaries: small, straddling the ring's end, just above
            // the direct-read threshold, larger than the ring, far larger than the FIFO
            int[] sizes = {0, 1, 1000, 4095, 16 * 1024 - 4, 16 * 1024, 20_000, 70_000, 128 * 1024,
                128 * 1024 + 1, 1 << 20, 3, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000,
                5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 2};
            Pipe pipe = Pipe.open(false);
            Connection in = pipe.conn1();
            Connection out = pipe.conn2();
            Process writer = new Process(() -> {
                for (int round = 0; round < 3; round++) {
                    for (int size : sizes) {
                        out.sendBytes(pattern(size, round));
                    }
                }
            });
            writer.start();
            out.close();
            byte[] into = new byte[1 << 20];
            for (int round = 0; round < 3; round++) {
                for (int size : sizes) {
                    if (round == 1) {
                        assertEquals(size, in.recvBytesInto(into));
                        assertArrayEquals(pattern(size, round), java.util.Arrays.copyOf(into, size));
                    } else if (round == 2 && size > 1000) {
                        BufferTooShort e = assertThrows(BufferTooShort.class, () -> in.recvBytesInto(new byte[1000]));
                        assertArrayEquals(pattern(size, round), e.message());
                    } else {
                        assertArrayEquals(pattern(size, round), in.recvBytes());
                    }
                }
            }
            assertThrows(EOFException.class, in::recvBytes);
            writer.join(BOUND);
            assertEquals(0, writer.exitCode());
        });
    }

    private static byte[] pattern(int size, int round) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + size + round);
        }
        return b;
    }

    @Test
    void aMessageRefusedByOneHolderStaysForAnother() {
        assertTimeoutPreemptively(TEST_BOUND, () -> {
            Pipe pipe = Pipe.open(false);
            Connection in = pipe.conn1();
            Connection out = pipe.conn2();
            out.sendBytes(new byte[100]);
            Pipe results = Pipe.open(false);
            Connection report = results.conn2();
            Process p = new Process(() -> report.send(in.recvBytes().length));
            assertThrows(java.io.IOException.class, () -> in.recvBytes(10));
            p.start();
            assertEquals(100, results.conn1().recv());
            p.join(BOUND);
        });
    }
}
