package io.github.mp4j.manager;

import io.github.mp4j.Client;
import io.github.mp4j.Connection;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This process's connections to one manager server: one per thread, made on the thread's first call,
 * as in Python. A thread's connection is also its identity in the server (the server serves it with
 * one thread), which is what makes an rlock's owner the calling thread. A connection that fails is
 * dropped, so the thread's next call connects again and fails at once if the server is gone; the
 * connection of a thread that ended is closed when it is collected.
 */
final class Channels {

    private static final ConcurrentHashMap<String, Channels> BY_SERVER = new ConcurrentHashMap<>();

    private final String address;
    private final byte[] authkey;
    private final ThreadLocal<Connection> mine = new ThreadLocal<>();
    private final java.util.concurrent.atomic.AtomicReference<Connection> spare =
            new java.util.concurrent.atomic.AtomicReference<>();

    private Channels(String address, byte[] authkey) {
        this.address = address;
        this.authkey = authkey;
    }

    static Channels of(String address, byte[] authkey) {
        return BY_SERVER.computeIfAbsent(address + "/" + HexFormat.of().formatHex(authkey),
                k -> new Channels(address, authkey.clone()));
    }

    /**
     * Opens a connection in the background, for the next thread that needs one: a manager just
     * started is then ready for its first call sooner (the handshake and the classes it loads are
     * behind us).
     */
    void prepareSpare() {
        Thread t = new Thread(() -> {
            try {
                Connection conn = Client.connect(address, authkey);
                if (!spare.compareAndSet(null, conn)) {
                    closeQuietly(conn);
                }
            } catch (IOException | RuntimeException e) {
                // the first call connects itself and reports what is wrong
            }
        }, "mp4j-manager-connect");
        t.setDaemon(true);
        t.start();
    }

    /** Sends one request and waits for its reply. */
    byte[] roundTrip(byte[] request) throws IOException {
        Connection conn = mine.get();
        if (conn == null) {
            conn = spare.getAndSet(null);
            if (conn == null) {
                try {
                    conn = Client.connect(address, authkey);
                } catch (io.github.mp4j.AuthenticationError e) {
                    throw e;
                } catch (IOException e) {
                    throw new IOException("cannot connect to the manager at " + address
                            + " (has it shut down or died?): " + e.getMessage(), e);
                }
            }
            mine.set(conn);
        }
        try {
            conn.sendBytes(request);
            return conn.recvBytes();
        } catch (IOException e) {
            mine.remove();
            closeQuietly(conn);
            if (e instanceof InterruptedIOException) {
                throw e;
            }
            String why = e instanceof EOFException ? "closed the connection" : "failed: " + e.getMessage();
            throw new IOException("the manager at " + address + " " + why + " (has it shut down or died?)", e);
        }
    }

    /** Whether this thread could call the server without connecting first. */
    boolean connected() {
        return mine.get() != null || spare.get() != null;
    }

    /** Closes this thread's connection and the spare one, if any. */
    void closeMine() {
        Connection conn = mine.get();
        if (conn != null) {
            mine.remove();
            closeQuietly(conn);
        }
        Connection unused = spare.getAndSet(null);
        if (unused != null) {
            closeQuietly(unused);
        }
    }

    private static void closeQuietly(Connection conn) {
        try {
            conn.close();
        } catch (IOException ignored) {
            // the descriptor is released either way
        }
    }
}
