package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.wire.Handshake;
import io.github.mp4j.wire.HostileMessages;
import io.github.mp4j.wire.ObjectCodec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a message costs its receiver grows with the bytes that arrive, never with what a header or
 * an array length claims; a bad message fails its own receive (or request), and the connection or
 * server goes on.
 */
class MessageLimitsTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    /** A header's claim: 255 MiB. */
    private static final int ANNOUNCED = 255 << 20;
    /** Far below what the claims would cost, far above what the bytes that arrive need. */
    private static final long SMALL = 8 << 20;

    /** Bytes this thread has allocated so far. */
    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    /** A header that announces {@link #ANNOUNCED} bytes, then 1000 of them. */
    private static byte[] shortFrame() {
        return ByteBuffer.allocate(1004).putInt(ANNOUNCED).array();
    }

    @Test
    void anArrayThatClaimsGigabytesFailsThatReceiveOnly(@TempDir Path dir) {
        assertTimeoutPreemptively(BOUND, () -> {
            try (SocketPair pair = SocketPair.open("tcp", dir)) {
                assertRefusedThenNext(pair.client, pair.server);
            }
            Pipe pipe = Pipe.open(false);
            assertRefusedThenNext(pipe.conn2(), pipe.conn1());
        });
    }

    private static void assertRefusedThenNext(Connection sender, Connection receiver) throws Exception {
        sender.sendBytes(HostileMessages.hugeArrayClaim());
        sender.send("next");
        long before = allocated();
        InvalidClassException e = assertThrows(InvalidClassException.class, receiver::recv);
        assertTrue(allocated() - before < SMALL, "allocated " + (allocated() - before));
        assertTrue(e.getMessage().contains("an array of 268435456 long"), e.getMessage());
        assertEquals("next", receiver.recv());
    }

    @Test
    void aHeaderThatAnnouncesMoreThanArrivesCostsOnlyWhatArrivesOnASocket() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (Listener listener = new Listener(SocketPair.KEY)) {
                String address = listener.address();
                SocketPair.async(() -> {
                    try (Socket socket = new Socket(address.substring(0, address.lastIndexOf(':')),
                            Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)))) {
                        OutputStream out = socket.getOutputStream();
                        Handshake.connect(socket.getInputStream(), out, SocketPair.KEY);
                        out.write(shortFrame());
                        out.flush();
                    }
                    return null;
                });
                try (Connection server = listener.accept()) {
                    assertCutShortCheaply(server);
                }
            }
        });
    }

    @Test
    void aHeaderThatAnnouncesMoreThanArrivesCostsOnlyWhatArrivesOnAPipe() {
        assertTimeoutPreemptively(BOUND, () -> {
            Pipe pipe = Pipe.open(false);
            // a second writer on the same FIFO, through this process's descriptor of it
            try (OutputStream raw = new FileOutputStream("/proc/self/fd/" + pipe.conn2().fileno())) {
                raw.write(shortFrame());
            }
            pipe.conn2().close();
            assertCutShortCheaply(pipe.conn1());
        });
    }

    @Test
    void aChildWithA64MegabyteHeapFailsEachHostileReceiveAndGoesOn() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (TemporaryProperty heap = TemporaryProperty.set("mp4j.worker.jvmOptions", "-Xmx64m")) {
                Pipe down = Pipe.open(false);
                Pipe up = Pipe.open(false);
                Connection in = down.conn1();
                Connection report = up.conn2();
                Process child = new Process(() -> {
                    for (int i = 0; i < 3; i++) {
                        try {
                            report.send("accepted " + in.recv());
                        } catch (IOException e) {
                            report.send(e.getClass().getSimpleName());
                        }
                    }
                    try {
                        in.recvBytes();
                    } catch (IOException e) {
                        report.send(e.getMessage());
                    }
                });
                child.start();
                report.close(); // the child's copy is the only writer left: its death ends the reports
                Connection out = down.conn2();
                out.sendBytes(HostileMessages.hugeArrayClaim());
                out.sendBytes(HostileMessages.hashSetBomb(30));
                out.send("ordinary");
                try (OutputStream raw = new FileOutputStream("/proc/self/fd/" + out.fileno())) {
                    raw.write(shortFrame());
                }
                out.close();
                Connection reports = up.conn1();
                assertEquals("FilterRejection", reports.recv());
                assertEquals("FilterRejection", reports.recv());
                assertEquals("accepted ordinary", reports.recv());
                assertEquals("got end of file during message", reports.recv());
                child.join(BOUND);
                assertEquals(0, child.exitCode());
            }
        });
    }

    private static void assertCutShortCheaply(Connection receiver) {
        long before = allocated();
        IOException e = assertThrows(IOException.class, receiver::recvBytes);
        long used = allocated() - before;
        assertEquals("got end of file during message", e.getMessage());
        assertTrue(used < SMALL, "a receive of 1000 bytes allocated " + used + " bytes");
    }

    @Test
    void aManagerAnswersHostileRequestsWithErrorsAndGoesOn() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (Manager served = Manager.serve("127.0.0.1:0", ManagerRemoteTest.KEY)) {
                DictProxy<String, Integer> d = served.dict();
                d.put("n", 1);
                try (Connection raw = Client.connect(served.address(), ManagerRemoteTest.KEY)) {
                    for (byte[] value : List.of(HostileMessages.hugeArrayClaim(), HostileMessages.hashSetBomb(30))) {
                        raw.sendBytes(createDict(value));
                        byte[] reply = raw.recvBytes();
                        assertEquals(1, reply[0], "an error reply");
                        Object error = ObjectCodec.deserialize(reply, 1, reply.length - 1);
                        assertTrue(error instanceof InvalidClassException
                                && error.toString().contains("deserialization filter"), error.toString());
                    }
                }
                assertEquals(1, d.get("n"));
            }
        });
    }

    /** A request that creates a dict from one argument (manager.Requests: CREATE typeid argc length value). */
    private static byte[] createDict(byte[] argument) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(2);
        out.writeUTF("dict");
        out.writeByte(1);
        out.writeInt(argument.length);
        out.write(argument);
        return bytes.toByteArray();
    }
}
