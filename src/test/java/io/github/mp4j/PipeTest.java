package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Pipe and Connection within one JVM: the parity doc's rules that need no child. */
class PipeTest {

    private static final byte[] ALPHABET = "abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);

    @Test
    void duplexEndsBothSendAndReceive() throws IOException {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.conn1(); Connection b = pipe.conn2()) {
            a.send(List.of(1, "two", 3.0));
            assertEquals(List.of(1, "two", 3.0), b.recv());
            b.send(null);
            assertNull(a.recv());
            assertTrue(a.isReadable() && a.isWritable());
        }
    }

    @Test
    void oneWayPipeRefusesTheWrongDirection() throws IOException {
        Pipe pipe = Pipe.open(false);
        try (Connection reader = pipe.conn1(); Connection writer = pipe.conn2()) {
            assertTrue(reader.isReadable());
            assertFalse(reader.isWritable());
            assertFalse(writer.isReadable());
            assertEquals("connection is read-only", assertThrows(IOException.class, () -> reader.send(1)).getMessage());
            assertEquals("connection is write-only", assertThrows(IOException.class, writer::recv).getMessage());
            writer.send("x");
            assertEquals("x", reader.recv());
        }
    }

    @Test
    void sendBytesOffsetsFollowPython() throws IOException {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.conn1(); Connection b = pipe.conn2()) {
            a.sendBytes(ALPHABET, 5);
            assertEquals("fghijklmnopqrstuvwxyz", new String(b.recvBytes(), StandardCharsets.US_ASCII));
            a.sendBytes(ALPHABET, 7, 8);
            assertEquals("hijklmno", new String(b.recvBytes(), StandardCharsets.US_ASCII));
            a.sendBytes(ALPHABET, 26);
            a.sendBytes(ALPHABET, 26, 0);
            assertEquals(0, b.recvBytes().length);
            assertEquals(0, b.recvBytes().length);

            assertBad("buffer length < offset", () -> a.sendBytes(ALPHABET, 27));
            assertBad("buffer length < offset + size", () -> a.sendBytes(ALPHABET, 22, 5));
            assertBad("buffer length < offset + size", () -> a.sendBytes(ALPHABET, 26, 1));
            assertBad("offset is negative", () -> a.sendBytes(ALPHABET, -1));
            assertBad("size is negative", () -> a.sendBytes(ALPHABET, 4, -1));
            assertFalse(b.poll(), "a refused send must not write anything");
        }
    }

    @Test
    void emptyMessagesAreMessagesAndMessagesNeverMerge() throws IOException {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.conn1(); Connection b = pipe.conn2()) {
            assertFalse(b.poll());
            a.sendBytes(new byte[0]);
            assertTrue(b.poll(Duration.ofSeconds(10)), "an empty message is a message");
            assertEquals(0, b.recvBytes().length);
            for (String s : new String[] {"a", "b", "cd"}) {
                a.sendBytes(s.getBytes(StandardCharsets.US_ASCII));
            }
            assertEquals("a", new String(b.recvBytes(), StandardCharsets.US_ASCII));
            assertEquals("b", new String(b.recvBytes(), StandardCharsets.US_ASCII));
            assertEquals("cd", new String(b.recvBytes(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void recvBytesMaxLength() throws IOException {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.conn1(); Connection b = pipe.conn2()) {
            assertBad("negative maxlength", () -> b.recvBytes(-1));
            a.sendBytes(ALPHABET);
            a.sendBytes(ALPHABET);
            assertEquals("bad message length",
                    assertThrows(io.github.mp4j.wire.BadMessageLength.class, () -> b.recvBytes(10)).getMessage());
            IOException after = assertThrows(IOException.class, b::recvBytes);
            assertTrue(after.getMessage().contains("can no longer receive"), after.getMessage());
        }
    }

    @Test
    void recvBytesIntoAndBufferTooShort() throws IOException {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.conn1(); Connection b = pipe.conn2()) {
            byte[] buf = new byte[30];
            assertBad("negative offset", () -> b.recvBytesInto(buf, -1));
            assertBad("offset too large", () -> b.recvBytesInto(buf, 31));
            a.sendBytes(ALPHABET);
            assertEquals(26, b.recvBytesInto(buf, 4));
            assertArrayEquals(ALPHABET, java.util.Arrays.copyOfRange(buf, 4, 30));

            a.sendBytes(ALPHABET);
            BufferTooShort e = assertThrows(BufferTooShort.class, () -> b.recvBytesInto(new byte[10]));
            assertArrayEquals(ALPHABET, e.message());
            a.send("still usable");
            assertEquals("still usable", b.recv());
        }
    }

    @Test
    void pollWaitsAndNeverConsumes() throws IOException {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.conn1(); Connection b = pipe.conn2()) {
            assertFalse(b.poll(Duration.ofMillis(50)));
            a.send(42);
            assertTrue(b.poll(Duration.ofSeconds(10)));
            assertTrue(b.poll());
            assertEquals(42, b.recv());
            assertFalse(b.poll());
            long start = System.nanoTime();
            assertFalse(b.poll(Duration.ofSeconds(-5)), "a negative timeout only checks, as Python's");
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(4).toNanos());
            a.send(43);
            assertTrue(b.poll(Duration.ofSeconds(10)));
            assertTrue(b.poll(Duration.ofMillis(-1)));
        }
    }

    @Test
    void pollThatTimedOutStillDeliversTheNextMessageWhole() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.conn1(); Connection b = pipe.conn2()) {
            assertFalse(b.poll(Duration.ofMillis(20))); // leaves a read-ahead waiting
            a.send("after the timeout");
            assertEquals("after the timeout", b.recv());
        }
    }

    @Test
    void closedPeerGivesEofAfterQueuedMessagesAndPollSaysSo() throws IOException {
        Pipe pipe = Pipe.open();
        Connection a = pipe.conn1();
        Connection b = pipe.conn2();
        a.send("last");
        a.close();
        assertTrue(b.poll(Duration.ofSeconds(10)));
        assertEquals("last", b.recv());
        assertTrue(b.poll(Duration.ofSeconds(10)), "poll is true at end of file");
        assertThrows(EOFException.class, b::recv);
        assertThrows(IOException.class, () -> b.send("nobody reads"), "Broken pipe");
        b.close();
    }

    @Test
    void closedHandleRefusesEverythingAndClosesTwice() throws IOException {
        Pipe pipe = Pipe.open();
        Connection a = pipe.conn1();
        a.close();
        a.close();
        assertTrue(a.isClosed());
        for (Executable use : List.<Executable>of(a::recv, () -> a.send(1), a::poll, a::fileno,
                () -> a.sendBytes(ALPHABET), a::recvBytes, () -> a.recvBytesInto(new byte[1]))) {
            assertEquals("handle is closed", assertThrows(IOException.class, use).getMessage());
        }
        pipe.conn2().close();
    }

    @Test
    void bigMessagesRoundTripAndOversizedOnesAreRefused() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.conn1(); Connection b = pipe.conn2()) {
            byte[] big = new byte[16 * 1024 * 1024 + 3];
            new java.util.Random(1).nextBytes(big);
            Thread sender = new Thread(() -> {
                try {
                    a.sendBytes(big);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            sender.start();
            assertArrayEquals(big, b.recvBytes());
            sender.join(10_000);
        }
    }

    @Test
    void aConnectionOnlyTravelsInsideAProcessTask() throws IOException {
        Pipe pipe = Pipe.open();
        Pipe other = Pipe.open();
        try (Connection a = pipe.conn1(); Connection b = pipe.conn2();
             Connection c = other.conn1(); Connection d = other.conn2()) {
            IOException e = assertThrows(NotSerializableException.class, () -> a.send(c));
            assertTrue(e.getMessage().contains("through inheritance"), e.getMessage());
            assertFalse(b.poll());
            // Java tells no socket's descriptor number, so the portable transport's is -1
            assertEquals(io.github.mp4j.platform.Transport.current() == io.github.mp4j.platform.Transport.LINUX,
                    a.fileno() >= 0);
            assertTrue(d.toString().contains("duplex"));
        }
    }

    @Test
    @LinuxTransportOnly
    void closingBothEndsFreesTheirDescriptorsAndBuffersAtOnce() throws Exception {
        List<String> sidesBefore = OpenDescriptors.pipeSides();
        Set<String> blocksBefore = new HashSet<>(OpenDescriptors.targets(OpenDescriptors.SHARED_MEMORY));
        Set<String> mappedBefore = OpenDescriptors.mappings(OpenDescriptors.SHARED_MEMORY);
        List<Pipe> pipes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Pipe pipe = Pipe.open();
            pipe.conn2().send("through the ring");
            assertEquals("through the ring", pipe.conn1().recv());
            pipe.conn1().sendBytes(new byte[100_000]); // through the payload area
            assertEquals(100_000, pipe.conn2().recvBytes().length);
            pipes.add(pipe);
        }
        List<String> sides = OpenDescriptors.pipeSides();
        sides.removeAll(sidesBefore);
        Set<String> blocks = new HashSet<>(OpenDescriptors.targets(OpenDescriptors.SHARED_MEMORY));
        blocks.removeAll(blocksBefore);
        Set<String> mapped = OpenDescriptors.mappings(OpenDescriptors.SHARED_MEMORY);
        mapped.removeAll(mappedBefore);
        assertEquals(80, sides.size(), "two FIFOs per duplex pipe, each held by both ends");
        assertEquals(40, blocks.size(), "one buffer per FIFO");
        assertEquals(40, mapped.size());

        for (Pipe pipe : pipes) {
            pipe.conn1().close();
            pipe.conn2().close();
        }
        assertTrue(Collections.disjoint(OpenDescriptors.pipeSides(), sides));
        assertTrue(Collections.disjoint(OpenDescriptors.targets(OpenDescriptors.SHARED_MEMORY), blocks),
                "buffers still open: " + blocks);
        if (Runtime.version().feature() >= 22) { // before, only the garbage collector unmaps
            assertTrue(Collections.disjoint(OpenDescriptors.mappings(OpenDescriptors.SHARED_MEMORY), mapped),
                    "buffers still mapped: " + mapped);
        }
    }

    @Test
    @LinuxTransportOnly
    void aBufferThatAPollStillReadsIntoIsFreedWhenThatReadEnds() throws Exception {
        Set<String> blocksBefore = new HashSet<>(OpenDescriptors.targets(OpenDescriptors.SHARED_MEMORY));
        Pipe pipe = Pipe.open(false);
        Connection reader = pipe.conn1();
        Set<String> blocks = new HashSet<>(OpenDescriptors.targets(OpenDescriptors.SHARED_MEMORY));
        blocks.removeAll(blocksBefore);
        assertEquals(1, blocks.size());
        // a writer the pipe does not know of keeps the FIFO open after both ends are closed
        try (FileOutputStream unknownWriter = new FileOutputStream("/proc/self/fd/" + pipe.conn2().fileno())) {
            assertFalse(reader.poll(Duration.ZERO), "leaves a read waiting in the background");
            reader.close(); // closing the descriptors may end that read at once, or only at the end of file
            pipe.conn2().close();
        } // the end of file ends that read
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (!Collections.disjoint(OpenDescriptors.targets(OpenDescriptors.SHARED_MEMORY), blocks)) {
                Thread.sleep(10);
            }
        }, "freed once the read ended");
    }

    @Test
    @LinuxTransportOnly
    void anEndDroppedWithoutCloseIsClosedByTheCollectorEvenWithAPollWaiting() throws Exception {
        List<String> sidesBefore = OpenDescriptors.pipeSides();
        Pipe pipe = Pipe.open();
        try (Connection kept = pipe.conn2()) { // its peer's background read stays waiting: kept writes nothing
            assertFalse(pipe.conn1().poll(Duration.ZERO), "leaves a read waiting in the background");
            List<String> sides = OpenDescriptors.pipeSides();
            sides.removeAll(sidesBefore);
            assertEquals(4, sides.size(), "each end holds a side of each FIFO");
            pipe = null; // conn1 dropped, never closed: the fallback is the garbage collector
            assertTrue(OpenDescriptors.collectUntil(() -> {
                List<String> open = OpenDescriptors.pipeSides();
                open.retainAll(sides);
                return open.size() == 2;
            }, 10_000), "the dropped end's sides are still open");
            assertTrue(kept.isWritable());
        }
    }

    private static void assertBad(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
