package io.github.mp4j.manager;

import io.github.mp4j.Connection;
import io.github.mp4j.Listener;

import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A manager server: a {@link Listener} and one thread per client connection.
 *
 * <p>Implementation overview. One acceptor thread waits in {@link Listener#accept()}, which hands out
 * only authenticated clients (the listener's own thread runs every handshake at once, so a client
 * that connects and stays silent, or sends garbage, delays no one and costs only its own socket).
 * The acceptor that gets a connection starts a replacement acceptor and then serves that connection
 * itself until it ends, so the first request meets a running thread: read a request, run it, write
 * the reply.
 * A request that blocks (a lock, a queue, a barrier) blocks only its own connection's thread. When a
 * connection ends its {@link Session} releases the locks acquired through it. {@link #close()} closes
 * the listener and every connection and interrupts the threads waiting in the server.
 *
 * <p>A server also registers itself for its JVM: a store in the same JVM (a proxy stored inside
 * another shared object, or the proxies of {@code Manager.serve}) calls the handler directly instead
 * of connecting to itself.
 */
public final class RpcServer implements AutoCloseable {

    private static final Map<String, RequestHandler> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final Listener listener;
    private final String key;
    private final RequestHandler handler;
    private final Map<Thread, Connection> sessions = new ConcurrentHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean shutdownRequested;
    private volatile boolean closed;

    /**
     * Binds {@code address} ({@link Listener} syntax) and starts serving.
     *
     * @throws IOException if the address cannot be bound
     */
    public RpcServer(String address, byte[] authkey) throws IOException {
        this(address, authkey, () -> { });
    }

    /**
     * Binds {@code address} and runs {@code listening} at once, before the rest of the server is set up:
     * clients may connect from then on (they wait in the socket's backlog), which takes the server's
     * own start-up off the critical path of whoever waits for it.
     */
    public RpcServer(String address, byte[] authkey, ListeningCallback listening) throws IOException {
        this.listener = new Listener(address, authkey);
        try {
            listening.run();
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        this.key = key(listener.address(), authkey);
        this.handler = new RequestHandler(new Referents(), () -> shutdownRequested = true);
        IN_THIS_JVM.put(key, handler);
        startAcceptor();
        Thread warmUp = new Thread(RpcServer::warmUp, "mp4j-manager-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /**
     * Runs a few requests against a scratch table while the server waits for its first client, so
     * that the first real request does not pay for loading the request path's classes.
     */
    private static void warmUp() {
        try {
            RequestHandler scratch = new RequestHandler(new Referents(), () -> { });
            scratch.handle(Requests.named(Requests.CREATE, SharedType.DICT.typeid(), null), null);
            scratch.handle(Requests.call(1, SharedType.DictMethod.put.name(), new Object[] {"k", 1}), null);
            scratch.handle(Requests.call(1, SharedType.DictMethod.get.name(), new Object[] {"k"}), null);
            scratch.handle(Requests.call(1, SharedType.DictMethod.toString.name(), null), null);
        } catch (IOException | RuntimeException e) {
            // only an optimisation
        }
    }

    /** Runs once the socket is bound. */
    @FunctionalInterface
    public interface ListeningCallback {
        void run() throws IOException;
    }

    /** The bound address (the real port when port 0 was asked). */
    public String address() {
        return listener.address();
    }

    static RequestHandler inThisJvm(String address, byte[] authkey) {
        return IN_THIS_JVM.isEmpty() ? null : IN_THIS_JVM.get(key(address, authkey));
    }

    private static String key(String address, byte[] authkey) {
        return address + "/" + HexFormat.of().formatHex(authkey);
    }

    private void startAcceptor() {
        Thread t = new Thread(this::accept, "mp4j-manager-acceptor");
        t.setDaemon(true);
        t.start();
    }

    private void accept() {
        Connection conn;
        try {
            conn = listener.accept();
        } catch (IOException e) {
            // closed, here or because the listener's handshake thread failed: no client can come
            close();
            return;
        }
        startAcceptor();
        serve(conn);
    }

    private void serve(Connection conn) {
        Thread.currentThread().setName("mp4j-manager-session");
        Session session = new Session();
        sessions.put(Thread.currentThread(), conn);
        try {
            if (closed) {
                return;
            }
            while (true) {
                byte[] request = conn.recvBytes();
                session.startCall();
                byte[] answer = handler.handle(request, session);
                try {
                    conn.sendBytes(answer);
                } catch (IOException | RuntimeException lost) {
                    session.answerLost(); // the client gave up waiting: keep nothing for it
                    throw lost;
                }
                if (shutdownRequested) {
                    close();
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client left (or broke the framing): only this connection ends
        } finally {
            sessions.remove(Thread.currentThread());
            Thread.interrupted(); // a close() may have interrupted us; releasing must not be
            session.end();
            try {
                conn.close();
            } catch (IOException ignored) {
                // released either way
            }
        }
    }

    /** Waits until the server has been closed, here or by a client's shutdown request. */
    public void awaitClosed() throws InterruptedException {
        stopped.await();
    }

    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Stops accepting, closes every connection and wakes every thread waiting in the server. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        IN_THIS_JVM.remove(key, handler);
        try {
            listener.close();
        } catch (IOException ignored) {
            // the socket is released either way
        }
        for (Map.Entry<Thread, Connection> s : sessions.entrySet()) {
            if (s.getKey() != Thread.currentThread()) {
                s.getKey().interrupt();
                try {
                    s.getValue().close();
                } catch (IOException ignored) {
                    // released either way
                }
            }
        }
        stopped.countDown();
    }
}
