package io.github.mp4j;

import static io.github.mp4j.SocketPair.KEY;
import static io.github.mp4j.SocketPair.async;
import static io.github.mp4j.SocketPair.failureOf;
import static io.github.mp4j.SocketPair.within;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.wire.Frames;
import io.github.mp4j.wire.Handshake;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile or broken peers, played by a raw TCP socket: each must cost the server one clear error,
 * never a hang or a huge allocation, and the listener must still serve an honest client afterwards.
 */
class ListenerFaultTest {

    private Listener listener;

    @BeforeEach
    void listen() throws IOException {
        listener = new Listener(KEY);
    }

    @AfterEach
    void stillServesAGoodClientThenClose() throws Exception {
        CompletableFuture<Connection> good = async(() -> Client.connect(listener.address(), KEY));
        try (Connection server = listener.accept(); Connection client = within(good)) {
            client.send("still fine");
            assertEquals("still fine", server.recv());
        } finally {
            listener.close();
        }
    }

    private Socket raw() throws IOException {
        String[] hostPort = listener.address().split(":");
        Socket s = new Socket();
        s.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 30_000);
        s.setSoTimeout(30_000); // a raw read that waits too long fails the test instead of hanging it
        return s;
    }

    /** The server's error for a peer that does {@code misbehave} on a raw socket. */
    private Throwable acceptFailure(RawPeer misbehave) throws Exception {
        CompletableFuture<Connection> accepted = async(listener::accept);
        try (Socket s = raw()) {
            rawOut = new DataOutputStream(s.getOutputStream());
            misbehave.act(new DataInputStream(s.getInputStream()), rawOut);
        } // then hang up
        Throwable e = failureOf(accepted);
        assertInstanceOf(AuthenticationError.class, e);
        return e;
    }

    private DataOutputStream rawOut;

    /**
     * Reads the server's challenge first: a socket closed with unread data sends a reset, which
     * could reach the server before our bytes do and change its error.
     */
    private DataOutputStream takeChallengeAnd(DataInputStream in) throws IOException {
        in.readFully(new byte[in.readInt()]);
        return rawOut;
    }

    interface RawPeer {
        void act(DataInputStream in, DataOutputStream out) throws IOException;
    }

    @Test
    void garbageInsteadOfAHandshake() throws Exception {
        Throwable e = acceptFailure((in, out) -> takeChallengeAnd(in).write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        // "GET " read as a length: 1195725856 bytes, refused before anything is allocated
        assertTrue(e.getMessage().contains("1195725856"), e.getMessage());
    }

    @Test
    void oversizedLengthPrefixDuringHandshake() throws Exception {
        Throwable e = acceptFailure((in, out) -> takeChallengeAnd(in).writeInt(Integer.MAX_VALUE));
        assertTrue(e.getMessage().startsWith("protocol error during authentication: bad message length: 2147483647"),
                e.getMessage());
        Throwable mid = acceptFailure((in, out) -> takeChallengeAnd(in).writeInt(4096));
        assertEquals("protocol error: message of 4096 bytes during authentication", mid.getMessage());
    }

    @Test
    void truncatedFrameDuringHandshake() throws Exception {
        Throwable e = acceptFailure((in, out) -> {
            out.writeInt(32);
            out.write(new byte[10]);
            out.flush();
            in.readFully(new byte[in.readInt()]); // take the challenge, then hang up
        });
        assertEquals("protocol error during authentication: got end of file during message", e.getMessage());
    }

    @Test
    void disconnectMidHandshake() throws Exception {
        Throwable e = acceptFailure((in, out) -> in.readFully(new byte[in.readInt()]));
        assertEquals("connection closed during authentication", e.getMessage());
    }

    @Test
    void silentClientTimesOut() throws Exception {
        listener.setAuthTimeout(Duration.ofSeconds(1));
        Throwable e = acceptFailure((in, out) -> {
            in.readFully(new byte[in.readInt()]);
            assertEquals(-1, in.read(), "the server hangs up on a silent client");
        });
        assertEquals("no answer from the peer within 1000 ms during authentication", e.getMessage());
    }

    @Test
    void failedClientsLeakNoSockets() throws Exception {
        byte[] wrong = "wrong".getBytes(StandardCharsets.UTF_8);
        int before = openSockets();
        for (int i = 0; i < 20; i++) {
            CompletableFuture<Connection> client = async(() -> Client.connect(listener.address(), wrong));
            assertThrows(AuthenticationError.class, listener::accept);
            assertInstanceOf(AuthenticationError.class, failureOf(client));
        }
        // each leak would be two sockets (both sides); allow for unrelated sockets of the test JVM
        int after = openSockets();
        assertTrue(after - before < 5, before + " sockets before, " + after + " after");
    }

    private static int openSockets() throws IOException {
        int n = 0;
        try (var links = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            for (var link : (Iterable<java.nio.file.Path>) links::iterator) {
                try {
                    n += java.nio.file.Files.readSymbolicLink(link).toString().startsWith("socket:") ? 1 : 0;
                } catch (IOException closedMeanwhile) {
                    // the listing's own descriptor, or one closed as we looked
                }
            }
        }
        return n;
    }

    /* ---------------- after a correct handshake ---------------- */

    /** An authenticated raw peer: the server's accepted Connection, and the peer's socket. */
    private Connection acceptAuthenticated(Socket s) throws Exception {
        CompletableFuture<Connection> accepted = async(listener::accept);
        Handshake.connect(s.getInputStream(), s.getOutputStream(), KEY);
        return within(accepted);
    }

    @Test
    void oversizedLengthPrefixAfterAuthentication() throws Exception {
        try (Socket s = raw(); Connection conn = acceptAuthenticated(s)) {
            new DataOutputStream(s.getOutputStream()).writeInt(Integer.MAX_VALUE - 1);
            IOException e = assertThrows(IOException.class, conn::recvBytes);
            assertTrue(e.getMessage().startsWith("bad message length: 2147483646 exceeds the maximum of "
                    + Frames.maxMessageBytes()), e.getMessage());
            // the stream is out of step now: refuse rather than read a payload as a header
            assertTrue(assertThrows(IOException.class, conn::recv).getMessage()
                    .startsWith("this end can no longer receive"));
        }
    }

    @Test
    void negativeLengthPrefixAfterAuthentication() throws Exception {
        try (Socket s = raw(); Connection conn = acceptAuthenticated(s)) {
            new DataOutputStream(s.getOutputStream()).writeInt(-5);
            assertEquals("bad message length: -5 (garbage on the wire?)",
                    assertThrows(IOException.class, conn::recvBytes).getMessage());
        }
    }

    @Test
    void truncatedFrameAfterAuthenticationThenEof() throws Exception {
        try (Socket s = raw(); Connection conn = acceptAuthenticated(s)) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(3);
            out.write(new byte[] {1, 2, 3});
            out.writeInt(100);
            out.write(new byte[10]);
            out.flush();
            s.shutdownOutput(); // the peer is gone mid-message
            assertArrayEquals(new byte[] {1, 2, 3}, conn.recvBytes());
            assertEquals("got end of file during message",
                    assertThrows(IOException.class, conn::recvBytes).getMessage());
            assertThrows(EOFException.class, conn::recvBytes);
        }
    }

    @Test
    void truncatedHeaderThenEof() throws Exception {
        try (Socket s = raw(); Connection conn = acceptAuthenticated(s)) {
            s.getOutputStream().write(new byte[] {0, 0});
            s.shutdownOutput();
            assertEquals("got end of file during message",
                    assertThrows(IOException.class, conn::recv).getMessage());
            assertThrows(EOFException.class, conn::recv);
        }
    }

    @Test
    void garbagePayloadIsNotAnObject() throws Exception {
        try (Socket s = raw(); Connection conn = acceptAuthenticated(s)) {
            byte[] junk = "definitely not java serialization".getBytes(StandardCharsets.US_ASCII);
            Frames.write(s.getOutputStream(), junk, 0, junk.length);
            Frames.write(s.getOutputStream(), new byte[] {7}, 0, 1);
            assertThrows(java.io.StreamCorruptedException.class, conn::recv);
            assertArrayEquals(new byte[] {7}, conn.recvBytes(), "a bad payload does not break framing");
        }
    }
}
