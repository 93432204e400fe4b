package io.github.mp4j;

import static io.github.mp4j.SocketPair.KEY;
import static io.github.mp4j.SocketPair.async;
import static io.github.mp4j.SocketPair.failureOf;
import static io.github.mp4j.SocketPair.within;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.NotSerializableException;
import java.net.BindException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListenerTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void roundTripBothWays(String family) throws Exception {
        try (SocketPair pair = SocketPair.open(family, dir)) {
            pair.client.send(List.of(1, "two", 3.0));
            assertEquals(List.of(1, "two", 3.0), pair.server.recv());
            pair.server.send(new Point(4, 5));
            assertEquals(new Point(4, 5), pair.client.recv());
            for (String m : new String[] {"a", "b", "cd"}) {
                pair.client.sendBytes(m.getBytes(StandardCharsets.US_ASCII));
            }
            assertEquals("a", new String(pair.server.recvBytes(), StandardCharsets.US_ASCII));
            assertEquals("b", new String(pair.server.recvBytes(), StandardCharsets.US_ASCII));
            assertEquals("cd", new String(pair.server.recvBytes(), StandardCharsets.US_ASCII));
            if (family.equals("tcp")) {
                assertTrue(pair.listener.lastAccepted().matches("127\\.0\\.0\\.1:\\d+"), pair.listener.lastAccepted());
                assertNotEquals(pair.listener.address(), pair.listener.lastAccepted());
            } else {
                assertEquals("", pair.listener.lastAccepted());
            }
        }
    }

    record Point(int x, int y) implements java.io.Serializable {}

    @Test
    void javadocExample() throws Exception {
        byte[] key = "secret".getBytes(StandardCharsets.UTF_8);
        try (Listener listener = new Listener("127.0.0.1:0", key)) {
            String address = listener.address();
            CompletableFuture<Void> client = async(() -> {
                try (Connection c = Client.connect(address, key)) {
                    c.send("hello");
                }
                return null;
            });
            try (Connection conn = listener.accept()) {
                assertEquals("hello", conn.recv());
            }
            within(client);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    void wrongKeyFailsOnBothSides(String family) throws Exception {
        try (Listener listener = SocketPair.listener(family, dir)) {
            CompletableFuture<Connection> accepted = async(listener::accept);
            try (RefusalLog refused = new RefusalLog()) {
                Throwable clientFailure = failureOf(
                        async(() -> Client.connect(listener.address(), "other key".getBytes(StandardCharsets.UTF_8))));
                assertInstanceOf(AuthenticationError.class, clientFailure);
                assertEquals("digest sent was rejected", clientFailure.getMessage());
                assertEquals("digest received was wrong", refused.nextReason());
            }

            // the accept under way was not disturbed: it returns the next, honest client
            SocketPair.assertServes(listener, accepted);
        }
    }

    @Test
    void defaultListenerIsLoopbackWithARealPort() throws Exception {
        try (Listener listener = new Listener(KEY)) {
            assertNull(listener.lastAccepted());
            assertTrue(listener.address().matches("127\\.0\\.0\\.1:\\d+"), listener.address());
            assertFalse(listener.address().endsWith(":0"));
        }
        try (Listener listener = new Listener(":0", KEY)) {
            assertTrue(listener.address().startsWith("127.0.0.1:"), listener.address());
        }
    }

    @Test
    void tcpAddressAlreadyInUse() throws Exception {
        try (Listener first = new Listener(KEY)) {
            BindException e = assertThrows(BindException.class, () -> new Listener(first.address(), KEY));
            assertEquals("Address already in use: " + first.address(), e.getMessage());
        }
    }

    @Test
    void unixAddressAlreadyInUseAndFileRemovedOnClose() throws Exception {
        String path = dir.resolve("app.sock").toString();
        Listener first = new Listener(path, KEY);
        assertEquals(path, first.address());
        assertTrue(Files.exists(Path.of(path)));
        BindException e = assertThrows(BindException.class, () -> new Listener(path, KEY));
        assertEquals("Address already in use: " + path, e.getMessage());
        assertTrue(Files.exists(Path.of(path)), "the failed bind must not remove the other's file");
        first.close();
        assertFalse(Files.exists(Path.of(path)));
        new Listener(path, KEY).close(); // the path is free again
        String missing = dir.resolve("no-such-dir/app.sock").toString();
        IOException noDir = assertThrows(IOException.class, () -> new Listener(missing, KEY));
        assertTrue(noDir.getMessage().startsWith("cannot listen at " + missing), noDir.getMessage());
        assertFalse(Files.exists(Path.of(path)));
    }

    @Test
    void acceptAfterCloseAndCloseDuringAccept() throws Exception {
        Listener listener = new Listener(KEY);
        CompletableFuture<Connection> waiting = async(listener::accept);
        // closing wakes a blocked accept whether or not it had started waiting yet
        listener.close();
        Throwable e = failureOf(waiting);
        assertInstanceOf(IOException.class, e);
        assertEquals("listener is closed", e.getMessage());
        assertEquals("listener is closed", assertThrows(IOException.class, listener::accept).getMessage());
        assertTrue(listener.isClosed());
        listener.close(); // twice is harmless
        String address = listener.address();
        assertThrows(ConnectException.class, () -> Client.connect(address, KEY));
    }

    @Test
    void badArgumentsFailClearly() {
        assertEquals("authkey is required",
                assertThrows(NullPointerException.class, () -> new Listener(null)).getMessage());
        assertEquals("authkey must not be empty",
                assertThrows(IllegalArgumentException.class, () -> new Listener(new byte[0])).getMessage());
        assertEquals("address is required",
                assertThrows(NullPointerException.class, () -> new Listener(null, KEY)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Listener("localhost:http", KEY))
                .getMessage().startsWith("invalid address: port 'http'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Client.connect("127.0.0.1:70000", KEY))
                .getMessage().startsWith("invalid address: port 70000"));
        assertEquals("authkey must not be empty", assertThrows(IllegalArgumentException.class,
                () -> Client.connect("127.0.0.1:1", new byte[0])).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Listener(KEY).setAuthTimeout(java.time.Duration.ZERO));
    }

    @Test
    void authkeyIsCopied() throws Exception {
        byte[] key = "mutable".getBytes(StandardCharsets.UTF_8);
        try (Listener listener = new Listener(key)) {
            byte[] original = key.clone();
            key[0] = 'X'; // must not change what the listener expects
            CompletableFuture<Connection> client = async(() -> Client.connect(listener.address(), original));
            try (Connection conn = listener.accept(); Connection c = within(client)) {
                c.sendBytes(new byte[] {1, 2});
                assertArrayEquals(new byte[] {1, 2}, conn.recvBytes());
            }
        }
    }

    @Test
    void socketConnectionCannotTravelIntoAChild() throws Exception {
        try (SocketPair pair = SocketPair.open("tcp", dir)) {
            Connection conn = pair.client;
            Process p = new Process(() -> conn.send("never"));
            NotSerializableException e = assertThrows(NotSerializableException.class, p::start);
            assertTrue(e.getMessage().contains("cannot be sent to another process"), e.getMessage());
            assertThrows(NotSerializableException.class, () -> io.github.mp4j.wire.ObjectCodec.serialize(conn));
        }
    }
}
