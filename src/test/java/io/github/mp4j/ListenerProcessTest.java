package io.github.mp4j;

import static io.github.mp4j.SocketPair.KEY;
import static io.github.mp4j.SocketPair.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listener and Client in two real JVMs: the child connects with {@link Client#connect}. */
class ListenerProcessTest {

    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void noChildLeftBehind() throws Exception {
        if (child != null && child.isAlive()) {
            child.kill();
            child.join(WAIT);
        }
    }

    /** Accepts, giving up (by closing the listener) if no client arrives in time. */
    private static Connection acceptWithin(Listener listener) throws Exception {
        CompletableFuture<Connection> accepted = SocketPair.async(listener::accept);
        try {
            return SocketPair.within(accepted);
        } catch (java.util.concurrent.TimeoutException e) {
            listener.close();
            throw e;
        }
    }

    @Test
    void childClientRoundTripOverUnixSocket() throws Exception {
        try (Listener listener = new Listener(dir.resolve("p.sock").toString(), KEY)) {
            String address = listener.address();
            child = new Process(() -> {
                try (Connection conn = Client.connect(address, KEY)) {
                    List<?> request = (List<?>) conn.recv();
                    conn.send(List.of(request.size(), ProcessHandle.current().pid()));
                }
            });
            child.start();
            try (Connection conn = acceptWithin(listener)) {
                conn.send(List.of("a", "b", "c"));
                assertTrue(conn.poll(WAIT));
                List<?> reply = (List<?>) conn.recv();
                assertEquals(3, reply.get(0));
                assertEquals(child.pid(), reply.get(1));
                assertThrows(EOFException.class, conn::recv, "the child closed its end");
            }
            child.join(WAIT);
            assertEquals(0, child.exitCode());
        }
    }

    @Test
    void wrongKeyInAChildFailsOnBothSides() throws Exception {
        Pipe report = Pipe.open(false);
        Connection toParent = report.conn2();
        try (Listener listener = new Listener(KEY); Connection fromChild = report.conn1();
                RefusalLog refused = new RefusalLog()) {
            String address = listener.address();
            child = new Process(() -> {
                try {
                    Client.connect(address, "wrong".getBytes(StandardCharsets.UTF_8)).close();
                    toParent.send("connected?!");
                } catch (AuthenticationError e) {
                    toParent.send(e.getMessage());
                }
            });
            child.start();
            toParent.close();
            assertEquals("digest received was wrong", refused.nextReason()); // accept() never sees it
            assertTrue(fromChild.poll(WAIT));
            assertEquals("digest sent was rejected", fromChild.recv());
            child.join(WAIT);
            assertEquals(0, child.exitCode());
        }
    }

    @Test
    void peerKilledMidMessage() throws Exception {
        try (Listener listener = new Listener(KEY)) {
            String address = listener.address();
            child = new Process(() -> {
                Connection conn = Client.connect(address, KEY);
                // far more than the socket buffers hold: blocks until the parent reads, which it never does
                conn.sendBytes(new byte[64 * 1024 * 1024]);
                conn.send("unreachable");
            });
            child.start();
            try (Connection conn = acceptWithin(listener)) {
                assertTrue(conn.poll(WAIT), "the child started sending");
                child.kill();
                child.join(WAIT);
                assertEquals(-9, child.exitCode());
                IOException cut = assertThrows(IOException.class, conn::recvBytes);
                assertEquals("got end of file during message", cut.getMessage());
                assertThrows(EOFException.class, conn::recvBytes);
                assertTrue(conn.poll(), "end of file keeps poll true");
            }
        }
    }
}
