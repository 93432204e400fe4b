package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Large messages on a {@link Pipe} travel through shared memory, the FIFO carrying only a
 * descriptor: they still arrive whole, once, in order among small ones, from several writing
 * processes at once and after a writer was killed mid-send, with recvBytesInto, recvBytes(max) and
 * EOF behaving as for inline messages.
 */
class PipeSharedPayloadsTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Duration TEST_BOUND = Duration.ofSeconds(240);
    private static final int KIB = 1024;
    private static final int MIB = 1024 * 1024;
    /** Around the inline threshold (16 KiB) and the slot size (1 MiB), and far beyond a slot. */
    private static final int[] SIZES = {16 * KIB - 1, 16 * KIB, 16 * KIB + 1, 64 * KIB, 300_000, MIB - 1, MIB, MIB + 1,
        16 * MIB, 10, MIB, 0, 200 * KIB, 5000, 3 * MIB, 1};

    @Test
    void bigMessagesRoundTripParentToChildAndBack() {
        assertTimeoutPreemptively(TEST_BOUND, () -> {
            Pipe pipe = Pipe.open();
            Connection parent = pipe.conn1();
            Connection child = pipe.conn2();
            Process echo = new Process(() -> {
                for (int i = 0; i < SIZES.length; i++) {
                    child.sendBytes(child.recvBytes());
                }
            });
            echo.start();
            child.close();
            for (int i = 0; i < SIZES.length; i++) { // one at a time: both FIFOs are finite
                parent.sendBytes(message(SIZES[i], 0, i));
                assertTrue(parent.poll(BOUND));
                assertArrayEquals(message(SIZES[i], 0, i), parent.recvBytes(), "message " + i);
            }
            assertThrows(EOFException.class, parent::recvBytes, "the child has exited: every copy is closed");
            echo.join(BOUND);
            assertEquals(0, echo.exitCode());
        });
    }

    @Test
    void bigMessagesWaitInSharedMemoryNotInTheFifo() {
        assertTimeoutPreemptively(TEST_BOUND, () -> {
            Pipe pipe = Pipe.open(false);
            Connection in = pipe.conn1();
            Connection out = pipe.conn2();
            for (int i = 0; i < 4; i++) {
                // inline, a 64 KiB FIFO would block the first of these until someone receives
                out.sendBytes(message(MIB, 3, i));
            }
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(message(MIB, 3, i), in.recvBytes());
            }
            assertFalse(in.poll());
        });
    }

    @Test
    void smallAndBigMessagesKeepTheirOrderAndObjectsTravelToo() {
        assertTimeoutPreemptively(TEST_BOUND, () -> {
            Pipe pipe = Pipe.open(false);
            Connection in = pipe.conn1();
            Connection out = pipe.conn2();
            Process writer = new Process(() -> {
                for (int round = 0; round < 3; round++) {
                    for (int i = 0; i < SIZES.length; i++) {
                        out.sendBytes(message(SIZES[i], round, i));
                    }
                    out.send(new int[100_000]); // a serialized object of ~400 KB goes through a slot
                }
            });
            writer.start();
            out.close();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < SIZES.length; i++) {
                    assertArrayEquals(message(SIZES[i], round, i), in.recvBytes(), "round " + round + " message " + i);
                }
                assertArrayEquals(new int[100_000], (int[]) in.recv());
            }
            assertThrows(EOFException.class, in::recvBytes);
            writer.join(BOUND);
            assertEquals(0, writer.exitCode());
        });
    }

    @Test
    void severalWriterProcessesAtOnceLoseNothingAndMixNothing() {
        assertTimeoutPreemptively(TEST_BOUND, () -> {
            int writers = 3;
            int each = 30;
            Pipe pipe = Pipe.open(false);
            Connection in = pipe.conn1();
            Connection out = pipe.conn2();
            List<Process> children = new ArrayList<>();
            for (int w = 1; w <= writers; w++) {
                int id = w;
                children.add(new Process(() -> {
                    for (int seq = 0; seq < each; seq++) {
                        // mostly slot-sized, some beyond a slot (inline) and some small
                        int size = seq % 10 == 9 ? 2 * MIB : seq % 10 == 4 ? 3000 : 16 * KIB + seq * 30_000;
                        out.sendBytes(message(size, id, seq));
                    }
                }));
            }
            for (Process p : children) {
                p.start();
            }
            out.close();
            int[] next = new int[writers + 1];
            for (int i = 0; i < writers * each; i++) {
                byte[] got = in.recvBytes();
                int id = ByteBuffer.wrap(got).getInt(0);
                int seq = ByteBuffer.wrap(got).getInt(4);
                assertArrayEquals(message(got.length, id, seq), got, "writer " + id + " message " + seq);
                assertEquals(next[id]++, seq, "each writer's messages arrive once, in its order");
            }
            assertThrows(EOFException.class, in::recvBytes);
            for (Process p : children) {
                p.join(BOUND);
                assertEquals(0, p.exitCode());
            }
        });
    }

    @Test
    void aWriterKilledWhileSendingBigMessagesDoesNotHinderLaterOnes() {
        assertTimeoutPreemptively(TEST_BOUND, () -> {
            Pipe pipe = Pipe.open(false);
            Connection in = pipe.conn1();
            Connection out = pipe.conn2();
            for (int round = 0; round < 3; round++) {
                // at most four messages in flight, so the writer always finds a free slot and never
                // writes inline: a kill then leaves the FIFO holding whole descriptors only
                Semaphore credits = new Semaphore(4);
                int id = round;
                Process writer = new Process(() -> {
                    for (int seq = 0; ; seq++) {
                        credits.acquire();
                        out.sendBytes(message(MIB - seq % 7, id, seq));
                    }
                });
                writer.start();
                int received = 0;
                for (; received < 20 + 7 * round; received++) {
                    assertArrayEquals(message(MIB - received % 7, id, received), in.recvBytes());
                    credits.release();
                }
                writer.kill();
                writer.join(BOUND);
                assertEquals(-9, writer.exitCode());
                while (in.poll(Duration.ofMillis(200))) { // what the writer sent before it died
                    assertArrayEquals(message(MIB - received % 7, id, received), in.recvBytes());
                    received++;
                }
            }
            // the dead writers may have held the writers' lock and slots: later messages still pass
            for (int i = 0; i < 40; i++) {
                out.sendBytes(message(MIB - i, 9, i));
                if (i % 3 == 2) {
                    for (int j = i - 2; j <= i; j++) {
                        assertArrayEquals(message(MIB - j, 9, j), in.recvBytes());
                    }
                }
            }
            assertArrayEquals(message(MIB - 39, 9, 39), in.recvBytes());
            assertFalse(in.poll());
        });
    }

    @Test
    void aReaderKilledWhileReceivingBigMessagesDoesNotHinderLaterOnes() {
        assertTimeoutPreemptively(TEST_BOUND, () -> {
            Pipe pipe = Pipe.open(false);
            Connection in = pipe.conn1();
            Connection out = pipe.conn2();
            Semaphore credits = new Semaphore(4); // never more in flight than slots: nothing inline
            Process reader = new Process(() -> {
                while (true) {
                    in.recvBytes();
                    credits.release();
                }
            });
            reader.start();
            int sent = 0;
            for (; sent < 30; sent++) {
                assertTrue(credits.acquire(BOUND));
                out.sendBytes(message(MIB - sent, 4, sent));
            }
            reader.kill();
            reader.join(BOUND);
            assertEquals(-9, reader.exitCode());
            int last = -1;
            // what the reader had not taken, each whole (descriptors its last read took off the FIFO
            // died with it: those messages are lost, as with an OS pipe's reader); the wait is long
            // enough for this side to take over the receive lock the reader may have died holding (it
            // looks about every 80 ms)
            while (in.poll(Duration.ofSeconds(2))) {
                byte[] got = in.recvBytes();
                int seq = ByteBuffer.wrap(got).getInt(4);
                assertTrue(seq > last && seq < sent);
                assertArrayEquals(message(MIB - seq, 4, seq), got);
                last = seq;
            }
            // the dead reader may have held the receive lock and slots (those of the lost messages are
            // freed once a receive finds the FIFO dry); the sends run on a thread of their own, since
            // one that finds no free slot goes inline through the FIFO and waits for this thread to
            // read, as any pipe's writer does
            java.util.concurrent.FutureTask<Void> sends = new java.util.concurrent.FutureTask<>(() -> {
                for (int i = 0; i < 20; i++) {
                    out.sendBytes(message(MIB - i, 5, i));
                }
                return null;
            });
            new Thread(sends, "later-sends").start();
            for (int i = 0; i < 20; i++) {
                assertArrayEquals(message(MIB - i, 5, i), in.recvBytes());
            }
            sends.get(BOUND.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        });
    }

    @Test
    void recvBytesIntoAndRefusalsBehaveAsForInlineMessages() {
        assertTimeoutPreemptively(TEST_BOUND, () -> {
            Pipe pipe = Pipe.open(false);
            Connection in = pipe.conn1();
            Connection out = pipe.conn2();
            out.sendBytes(message(MIB, 1, 1));
            byte[] small = new byte[100 * KIB];
            BufferTooShort e = assertThrows(BufferTooShort.class, () -> in.recvBytesInto(small));
            assertArrayEquals(message(MIB, 1, 1), e.message(), "the whole message comes with the exception");
            out.sendBytes(message(200 * KIB, 1, 2));
            byte[] into = new byte[MIB];
            assertEquals(200 * KIB, in.recvBytesInto(into, 1000));
            assertArrayEquals(message(200 * KIB, 1, 2), java.util.Arrays.copyOfRange(into, 1000, 1000 + 200 * KIB));

            out.sendBytes(message(MIB, 1, 3));
            Pipe results = Pipe.open(false);
            Connection report = results.conn2();
            Process other = new Process(() -> report.sendBytes(in.recvBytes()));
            IOException refused = assertThrows(IOException.class, () -> in.recvBytes(1000));
            assertTrue(refused.getMessage().startsWith("bad message length"), refused.getMessage());
            other.start();
            assertArrayEquals(message(MIB, 1, 3), results.conn1().recvBytes(), "the refused message stays for another holder");
            other.join(BOUND);
            assertEquals(0, other.exitCode());
        });
    }

    @Test
    void nothingIsLeftOnDiskAndTheSharedFilesAreUnlinked() {
        assertTimeoutPreemptively(TEST_BOUND, () -> {
            Pipe pipe = Pipe.open();
            try (Connection a = pipe.conn1(); Connection b = pipe.conn2()) {
                a.sendBytes(message(MIB, 2, 0));
                assertArrayEquals(message(MIB, 2, 0), b.recvBytes());
                b.sendBytes(message(500 * KIB, 2, 1));
                assertArrayEquals(message(500 * KIB, 2, 1), a.recvBytes());
                for (String held : heldFiles()) {
                    if (held.contains("mp4j-")) {
                        assertTrue(held.endsWith("(deleted)"), "still on disk: " + held);
                    }
                }
            }
            String ours = "mp4j-pipe-" + ProcessHandle.current().pid() + "-";
            try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                assertEquals(List.of(), tmp.filter(p -> p.getFileName().toString().startsWith(ours)).toList());
            }
        });
    }

    /** Where this JVM's open descriptors point. */
    private static Set<String> heldFiles() throws IOException {
        Set<String> targets = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    targets.add(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    // closed while listing
                }
            }
        }
        return targets;
    }

    /** {@code size} bytes that name their writer and number in the first 8 and follow from them. */
    static byte[] message(int size, int writer, int seq) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + size + writer * 7 + seq);
        }
        if (size >= 8) {
            ByteBuffer.wrap(b).putInt(0, writer).putInt(4, seq);
        }
        return b;
    }
}
