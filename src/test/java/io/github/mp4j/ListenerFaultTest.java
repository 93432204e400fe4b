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

import io.github.mp4j.wire.BadMessageLength;
import io.github.mp4j.wire.Frames;
import io.github.mp4j.wire.Handshake;
import io.github.mp4j.wire.TruncatedMessage;
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
        try {
            SocketPair.assertServes(listener, async(listener::accept));
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

    /**
     * Why the listener refused a peer that does {@code misbehave} on a raw socket; the peer then sees
     * its socket closed by the listener, and {@code accept()} never sees it (the next good client does).
     */
    private String refusal(RawPeer misbehave) throws Exception {
        try (RefusalLog refused = new RefusalLog(); Socket s = raw()) {
            rawSocket = s;
            rawOut = new DataOutputStream(s.getOutputStream());
            misbehave.act(new DataInputStream(s.getInputStream()), rawOut);
            assertTrue(closedByPeer(s), "the listener closes the socket");
            return refused.nextReason();
        }
    }

    /** Reads to the end (the challenge, if not taken yet, then nothing); false if the wait ran out. */
    private static boolean closedByPeer(Socket s) throws IOException {
        try {
            while (s.getInputStream().read(new byte[256]) >= 0) {
                // what the listener sent before it hung up
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException reset) {
            return true; // closed with our bytes unread: a reset
        }
    }

    private Socket rawSocket;
    private DataOutputStream rawOut;

    /** Ends the raw peer's side of the stream, leaving its reading side open. */
    private void hangUp() throws IOException {
        rawSocket.shutdownOutput();
    }

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
        String why = refusal((in, out) -> takeChallengeAnd(in).write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        // "GET " read as a length: 1195725856 bytes, refused before anything is allocated
        assertEquals("protocol error: message of 1195725856 bytes during authentication", why);
    }

    @Test
    void oversizedLengthPrefixDuringHandshake() throws Exception {
        assertEquals("protocol error: message of 2147483647 bytes during authentication",
                refusal((in, out) -> takeChallengeAnd(in).writeInt(Integer.MAX_VALUE)));
        assertEquals("protocol error: message of 4096 bytes during authentication",
                refusal((in, out) -> takeChallengeAnd(in).writeInt(4096)));
        assertEquals("protocol error: message of -5 bytes during authentication",
                refusal((in, out) -> takeChallengeAnd(in).writeInt(-5)));
    }

    @Test
    void truncatedFrameDuringHandshake() throws Exception {
        String why = refusal((in, out) -> {
            out.writeInt(32);
            out.write(new byte[10]);
            out.flush();
            in.readFully(new byte[in.readInt()]); // take the challenge, then hang up
            hangUp();
        });
        assertEquals("connection closed during authentication, inside a message", why);
    }

    @Test
    void disconnectMidHandshake() throws Exception {
        String why = refusal((in, out) -> {
            in.readFully(new byte[in.readInt()]);
            hangUp();
        });
        assertEquals("connection closed during authentication", why);
    }

    @Test
    void silentClientTimesOut() throws Exception {
        listener.setAuthTimeout(Duration.ofSeconds(1));
        String why = refusal((in, out) -> {
            in.readFully(new byte[in.readInt()]);
            assertEquals(-1, in.read(), "the server hangs up on a silent client");
        });
        assertEquals("no answer from the peer within 1000 ms during authentication", why);
    }

    @Test
    void failedClientsLeakNoSockets() throws Exception {
        byte[] wrong = "wrong".getBytes(StandardCharsets.UTF_8);
        int before = openSockets();
        for (int i = 0; i < 20; i++) {
            CompletableFuture<Connection> client = async(() -> Client.connect(listener.address(), wrong));
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
            IOException e = assertThrows(BadMessageLength.class, conn::recvBytes);
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
                    assertThrows(BadMessageLength.class, conn::recvBytes).getMessage());
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
                    assertThrows(TruncatedMessage.class, conn::recvBytes).getMessage());
            assertThrows(EOFException.class, conn::recvBytes);
        }
    }

    @Test
    void truncatedHeaderThenEof() throws Exception {
        try (Socket s = raw(); Connection conn = acceptAuthenticated(s)) {
            s.getOutputStream().write(new byte[] {0, 0});
            s.shutdownOutput();
            assertEquals("got end of file during message",
                    assertThrows(TruncatedMessage.class, conn::recv).getMessage());
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
