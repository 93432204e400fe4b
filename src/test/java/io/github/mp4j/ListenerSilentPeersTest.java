package io.github.mp4j;

import static io.github.mp4j.SocketPair.KEY;
import static io.github.mp4j.SocketPair.assertServes;
import static io.github.mp4j.SocketPair.async;
import static io.github.mp4j.SocketPair.failureOf;
import static io.github.mp4j.SocketPair.within;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Connections that never finish their handshake (silent, half a header, garbage sent slowly) must not
 * delay a real client, and must not stay open for long or without bound in number.
 */
class ListenerSilentPeersTest {

    /** The bound the issue names for a real client among silent ones; the stall it replaces was 10-20 s. */
    private static final Duration PROMPT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private final List<SocketChannel> peers = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void hangUp() throws IOException {
        for (SocketChannel peer : peers) {
            peer.close();
        }
    }

    /**
     * Opens {@code n} raw connections to {@code address} that send {@code bytes} and then nothing. The
     * listener takes connections as they come, so the connects never wait for room in its backlog.
     */
    private List<SocketChannel> idle(String address, int n, byte[] bytes) {
        return assertTimeoutPreemptively(SocketPair.WAIT, () -> open(address, n, bytes),
                "connecting to a listener whose backlog does not drain");
    }

    private List<SocketChannel> open(String address, int n, byte[] bytes) throws IOException {
        List<SocketChannel> opened = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SocketAddress target = address.startsWith("/")
                    ? UnixDomainSocketAddress.of(address)
                    : new InetSocketAddress("127.0.0.1", Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
            SocketChannel peer = SocketChannel.open(target instanceof UnixDomainSocketAddress
                    ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
            peers.add(peer);
            peer.connect(target);
            peer.write(ByteBuffer.wrap(bytes));
            opened.add(peer);
        }
        return opened;
    }

    /** Reads what the listener sent (its challenge) until it closes the socket; bounded by the caller. */
    private static void readToEnd(SocketChannel peer) throws IOException {
        ByteBuffer sink = ByteBuffer.allocate(256);
        try {
            while (peer.read(sink.clear()) >= 0) {
                // the challenge, then nothing
            }
        } catch (IOException reset) {
            // closed with our bytes unread: a reset, also a close
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void fiftySilentConnectionsDelayNoRealClient(String family) throws Exception {
        try (Listener listener = SocketPair.listener(family, dir)) {
            idle(listener.address(), 50, new byte[0]);
            idle(listener.address(), 3, new byte[] {0, 0}); // half a header
            idle(listener.address(), 2, "GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTimeoutPreemptively(PROMPT, () -> {
                Throwable wrongKey = failureOf(async(() -> Client.connect(listener.address(), "other".getBytes())));
                assertInstanceOf(AuthenticationError.class, wrongKey, "a wrong key still fails on its side");
                assertServes(listener, async(listener::accept));
            }, "a wrong-key client, then a real one, among 55 connections that never finish their handshake");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void pendingHandshakesAreClosedAtTheirDeadline(String family) throws Exception {
        try (Listener listener = SocketPair.listener(family, dir)) {
            listener.setAuthTimeout(Duration.ofMillis(300));
            CompletableFuture<Connection> accepting = async(listener::accept); // a server that waits meanwhile
            List<SocketChannel> silent = idle(listener.address(), 20, new byte[0]);
            // closed together, not one after another behind each other (that took 20 x 300 ms)
            assertTimeoutPreemptively(PROMPT, () -> {
                for (SocketChannel peer : silent) {
                    readToEnd(peer);
                }
            });
            assertServes(listener, accepting);
        }
    }

    /**
     * The deadline bounds strangers: a client that has answered the challenge holds the key, so a slow
     * second half (a client JVM starved of CPU, say) is not cut off.
     */
    @Test
    void aClientThatHasAnsweredIsNotClosedAtTheDeadline() throws Exception {
        try (Listener listener = new Listener(KEY); java.net.Socket raw = new java.net.Socket()) {
            listener.setAuthTimeout(Duration.ofMillis(300));
            CompletableFuture<Connection> accepting = async(listener::accept);
            String address = listener.address();
            raw.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(address.substring(address.lastIndexOf(':') + 1))));
            raw.setSoTimeout((int) SocketPair.WAIT.toMillis());
            java.io.DataInputStream in = new java.io.DataInputStream(raw.getInputStream());
            java.io.DataOutputStream out = new java.io.DataOutputStream(raw.getOutputStream());
            byte[] challenge = new byte[in.readInt()];
            in.readFully(challenge);
            writeFrame(out, hmac(challenge));
            byte[] verdict = new byte[in.readInt()];
            in.readFully(verdict);
            assertEquals("#WELCOME#", new String(verdict, StandardCharsets.US_ASCII));

            Thread.sleep(900); // three deadlines: a stranger would be closed by now
            byte[] ours = "#CHALLENGE#{sha256}0123456789012345678901234567890123456789".getBytes(StandardCharsets.US_ASCII);
            writeFrame(out, ours);
            byte[] answer = new byte[in.readInt()];
            in.readFully(answer);
            assertArrayEquals(hmac(ours), answer);
            writeFrame(out, "#WELCOME#".getBytes(StandardCharsets.US_ASCII));
            writeFrame(out, new byte[] {4, 2});
            try (Connection server = within(accepting)) {
                assertArrayEquals(new byte[] {4, 2}, server.recvBytes(), "the first message, right after");
            }
        }
    }

    @Test
    void aFloodBeyondTheLimitIsClosedOldestFirstToLetARealClientIn() throws Exception {
        try (Listener listener = new Listener(KEY)) {
            // more than the 128 clients kept before they answer; the deadline (20 s) is far off
            List<SocketChannel> flood = idle(listener.address(), 150, new byte[0]);
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                assertServes(listener, async(listener::accept));
                readToEnd(flood.get(0)); // the oldest made room
            }, "the oldest silent connections are closed after a second to make room");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void closingTheListenerClosesPendingConnectionsAndEndsItsThread(String family) throws Exception {
        long threadsBefore = handshakeThreads();
        Listener listener = SocketPair.listener(family, dir);
        List<SocketChannel> silent = idle(listener.address(), 5, new byte[0]);
        CompletableFuture<Connection> waiting = async(listener::accept);
        listener.close();
        assertEquals("listener is closed", failureOf(waiting).getMessage());
        assertTimeoutPreemptively(PROMPT, () -> {
            for (SocketChannel peer : silent) {
                readToEnd(peer);
            }
        });
        assertEquals(threadsBefore, handshakeThreads(), "close() returns once the listener's thread has ended");
    }

    @Test
    void anInterruptedAcceptLeavesTheListenerOpen() throws Exception {
        try (Listener listener = new Listener(KEY)) {
            CompletableFuture<Thread> acceptor = new CompletableFuture<>();
            CompletableFuture<Connection> accepting = async(() -> {
                acceptor.complete(Thread.currentThread());
                return listener.accept();
            });
            within(acceptor).interrupt();
            assertInstanceOf(InterruptedIOException.class, failureOf(accepting));
            assertServes(listener, async(listener::accept));
        }
    }

    private static void writeFrame(java.io.OutputStream out, byte[] payload) throws IOException {
        io.github.mp4j.wire.Frames.write(out, payload, 0, payload.length);
    }

    private static byte[] hmac(byte[] message) throws java.security.GeneralSecurityException {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
        return mac.doFinal(message);
    }

    private static long handshakeThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("mp4j-listener-handshakes")).count();
    }
}
