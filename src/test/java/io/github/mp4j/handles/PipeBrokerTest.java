package io.github.mp4j.handles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.wire.Endpoint;
import io.github.mp4j.wire.FrameInput;
import io.github.mp4j.wire.FrameOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The portable transport's pipes (see {@link PipeBroker}), in one JVM: further copies of an end are
 * made as a starting child makes them (through a reference written while a task is written), so
 * these run on either transport; the cross-process cases are in the root package's pipe tests.
 */
class PipeBrokerTest {

    private static final long BOUND_MS = 10_000;

    /** Another copy of {@code end} in this JVM, as a child would open one. */
    private static Endpoint copyOf(Endpoint end) throws IOException {
        Endpoint.Reference[] ref = new Endpoint.Reference[1];
        Transfer.whileStartingChild(() -> {
            ref[0] = end.reference();
            return new byte[0];
        });
        return ref[0].open();
    }

    private static byte[] receive(FrameInput in) throws IOException {
        in.begin();
        try {
            int length = in.nextLength();
            return length < 0 ? null : in.take(length);
        } finally {
            in.end();
        }
    }

    /** Whether a receive would find something (a message or the end) within the bound. */
    private static boolean readySoon(FrameInput in) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MS);
        while (!in.ready()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    @Test
    void theReaderSeesEndOfFileOnlyOnceEveryCopyOfTheWriterIsClosed() throws Exception {
        PortableEnd[] ends = PortableEnd.pipe(false);
        Endpoint second = copyOf(ends[1]);
        FrameInput in = ends[0].frameInput();
        ends[1].close();
        Thread.sleep(100); // time for the broker to count the close
        assertFalse(in.ready(), "a copy of the writer is still open");
        second.frameOutput().write(new byte[] {7}, 0, 1);
        assertArrayEquals(new byte[] {7}, receive(in));
        second.close();
        assertEquals(null, receive(in), "end of file");
        assertEquals(null, receive(in), "and it stays so");
        ends[0].close();
    }

    @Test
    void aCopyConnectedJustBeforeTheLastOtherCopyClosesStillCounts() throws Exception {
        // the broker accepts the new copy only after it has seen the old one close: the backlog counts
        for (int round = 0; round < 20; round++) {
            PortableEnd[] ends = PortableEnd.pipe(false);
            Endpoint moved = copyOf(ends[1]);
            ends[1].close();
            moved.frameOutput().write(new byte[] {(byte) round}, 0, 1);
            moved.close();
            FrameInput in = ends[0].frameInput();
            assertArrayEquals(new byte[] {(byte) round}, receive(in), "round " + round);
            assertEquals(null, receive(in));
            ends[0].close();
        }
    }

    @Test
    void messagesFromSeveralWritersArriveWhole() throws Exception {
        PortableEnd[] ends = PortableEnd.pipe(false);
        List<Endpoint> writers = new ArrayList<>(List.of(ends[1]));
        for (int i = 0; i < 3; i++) {
            writers.add(copyOf(ends[1]));
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int w = 0; w < writers.size(); w++) {
                byte fill = (byte) w;
                FrameOutput out = writers.get(w).frameOutput();
                sent.add(pool.submit(() -> {
                    byte[] message = new byte[200_000];
                    java.util.Arrays.fill(message, fill);
                    for (int i = 0; i < 10; i++) {
                        out.write(message, 0, message.length);
                    }
                    return null;
                }));
            }
            FrameInput in = ends[0].frameInput();
            for (int i = 0; i < 10 * writers.size(); i++) {
                byte[] message = receive(in);
                assertEquals(200_000, message.length);
                for (byte b : message) {
                    assertEquals(message[0], b, "a message mixed with another");
                }
            }
            for (Future<?> f : sent) {
                f.get(BOUND_MS, TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
            for (Endpoint w : writers) {
                w.close();
            }
            ends[0].close();
        }
    }

    @Test
    void sendingWithNoReaderLeftFailsWithBrokenPipe() throws Exception {
        PortableEnd[] ends = PortableEnd.pipe(false);
        ends[0].close();
        FrameOutput out = ends[1].frameOutput();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MS);
        IOException broken = null;
        while (broken == null && System.nanoTime() < deadline) {
            try {
                out.write(new byte[1], 0, 1);
                Thread.sleep(1);
            } catch (IOException e) {
                broken = e;
            }
        }
        assertTrue(broken != null && broken.getMessage().equals("Broken pipe"), String.valueOf(broken));
        ends[1].close();
    }

    @Test
    void aMessageOneCopyGaveUpOnGoesToAnotherCopy() throws Exception {
        PortableEnd[] ends = PortableEnd.pipe(false);
        PortableEnd other = (PortableEnd) copyOf(ends[0]);
        FrameInput first = ends[0].frameInput();
        FrameInput second = other.frameInput();
        FrameOutput out = ends[1].frameOutput();
        // withdrawn before anything came: the next message goes to the next copy that asks
        first.begin();               // claims the next message
        ends[0].unclaim();           // as a queue's get that timed out
        first.end();
        out.write(new byte[] {1}, 0, 1);
        assertArrayEquals(new byte[] {1}, receive(second));
        // given back after it came
        first.begin();
        out.write(new byte[] {2}, 0, 1);
        assertTrue(readySoon(first), "the message went to the copy that claimed it");
        ends[0].unclaim();
        first.end();
        assertArrayEquals(new byte[] {2}, receive(second));
        for (Endpoint e : new Endpoint[] {ends[0], ends[1], other}) {
            e.close();
        }
    }

    @Test
    void aPollSeesAMessageWithoutTakingIt() throws Exception {
        PortableEnd[] ends = PortableEnd.pipe(false);
        PortableEnd other = (PortableEnd) copyOf(ends[0]);
        ends[1].frameOutput().write(new byte[] {3}, 0, 1);
        assertTrue(other.frameInput().ready(), "a message sent before the poll began");
        assertArrayEquals(new byte[] {3}, receive(ends[0].frameInput()), "the poll left it for any copy");
        for (Endpoint e : new Endpoint[] {ends[0], ends[1], other}) {
            e.close();
        }
    }

    @Test
    void thePipesSocketFilesGoOnceBothEndsAreClosed() throws Exception {
        List<Path> before = pipeSockets();
        PortableEnd[] ends = PortableEnd.pipe(true);
        List<Path> sockets = new ArrayList<>(pipeSockets());
        sockets.removeAll(before); // other tests' pipes may still be open
        assertEquals(2, sockets.size(), sockets.toString());
        ends[0].close();
        ends[1].close();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MS);
        while (sockets.stream().anyMatch(Files::exists) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(List.of(), sockets.stream().filter(Files::exists).toList());
    }

    private static List<Path> pipeSockets() throws IOException {
        try (Stream<Path> files = Files.list(PrivateFolder.get())) {
            return files.filter(f -> f.getFileName().toString().matches("p\\d+[ab]")).toList();
        }
    }

    @Test
    void aWholeMessageBiggerThanTheQueueLimitPasses() throws Exception {
        PortableEnd[] ends = PortableEnd.pipe(true);
        byte[] big = new byte[3 * PipeBroker.QUEUE_LIMIT];
        new java.util.Random(1).nextBytes(big);
        ends[0].frameOutput().write(big, 0, big.length);
        assertArrayEquals(big, receive(ends[1].frameInput()));
        ends[0].close();
        ends[1].close();
    }
}
