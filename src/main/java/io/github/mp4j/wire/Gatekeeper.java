package io.github.mp4j.wire;

import io.github.mp4j.AuthenticationError;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Accepts the connections of a listening socket and authenticates them all at once, so that
 * {@link #take()} hands out only authenticated sockets and never waits behind a client that is slow
 * or silent.
 *
 * <p>Implementation overview. One daemon thread per listener owns a {@link Selector}, the listening
 * socket (non-blocking) and the handshakes under way, in the order they were accepted. It accepts
 * whatever arrives, sends each client its challenge at once and then advances each handshake as its
 * socket becomes readable or writable; a handshake holds one socket and a buffer of one handshake
 * frame, nothing else. A client that fails (wrong digest, garbage, hang-up) is closed and reported to
 * the {@link System.Logger} at {@code DEBUG}. Until a client has answered our challenge correctly it
 * is a stranger, and two bounds keep strangers cheap:
 * <ul>
 * <li>time: a stranger that has not answered {@linkplain #setDeadline within the deadline} of its
 *     accept is closed. Deadlines are checked after each selection has read what arrived, so a thread
 *     that gets the CPU late does not close clients whose answers already wait in their sockets;
 * <li>number: at most {@link #PENDING_LIMIT} strangers at once. When that many are pending the thread
 *     stops accepting (newcomers wait in the kernel's backlog) and closes the oldest stranger once it
 *     has had {@link #ROOM_AGE}; so a flood of silent sockets delays a real client by at most that,
 *     while a burst of real clients, each done in milliseconds, loses none of them.
 * </ul>
 * A client that has answered holds the key, so it is no longer bounded as a stranger (under a heavy
 * load its last step may be slow); it only checks our answer and sends its verdict.
 *
 * <p>A finished handshake's key is cancelled; after the next selection has deregistered it the socket is
 * made blocking again, as {@link SocketEndpoint} expects, and queued for {@link #take()}. That queue
 * (guarded by {@link #lock}) is the only state shared with other threads; while it holds
 * {@link #READY_LIMIT} sockets nobody took, the thread stops accepting too, as a listener whose owner
 * does not call accept leaves clients in the backlog. {@link #close()} stops the thread and waits for
 * it; on its way out the thread closes every pending and queued socket and the listening socket.
 *
 * <p>Why one selector thread rather than a thread per arriving client (or handshakes inside
 * {@code accept}, which let one silent client stall all others): a stranger must cost no more than its
 * socket and a frame's buffer, and a thread per stranger would cost a stack each. The handshake is
 * defined once in {@link Handshake}; {@link PendingHandshake} drives it without blocking.
 */
public final class Gatekeeper implements AutoCloseable {

    /** The most strangers (clients that have not proved they hold the key) at once. */
    static final int PENDING_LIMIT = 128;
    /** How long a stranger may stay before it can be closed to make room for a newcomer. */
    static final long ROOM_AGE = TimeUnit.SECONDS.toNanos(1);
    private static final int READY_LIMIT = 128;
    /** How long to stop accepting after accept itself failed (out of descriptors, say), not to spin. */
    private static final long ACCEPT_PAUSE = TimeUnit.MILLISECONDS.toNanos(50);

    private final ServerSocketChannel server;
    /** The listening socket's path, or null for TCP. */
    private final String unixPath;
    private final byte[] authkey;
    /** Where refused clients are reported; looked up at the first, since a logger is slow to set up. */
    private final String logName;
    private final Selector selector;
    private final SelectionKey serverKey;
    private final Thread thread;
    private volatile long deadlineNanos;
    private volatile boolean closed;

    /* ---- owned by the thread ---- */
    /** Handshakes whose client has not proved it holds the key yet, oldest first. */
    private final LinkedHashSet<PendingHandshake> pending = new LinkedHashSet<>();
    /** Handshakes whose client has proved it holds the key, and now checks that we do. */
    private final Set<PendingHandshake> proven = new HashSet<>();
    /** Finished handshakes whose keys were cancelled during the current selection. */
    private List<PendingHandshake> finished = new ArrayList<>();
    private long acceptPausedUntil;

    /* ---- guarded by lock ---- */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<PendingHandshake> ready = new ArrayDeque<>();
    /** Why the thread ended other than by {@link #close()}, or null. */
    private Throwable failure;

    /**
     * Starts authenticating the connections that arrive at {@code server}, a bound socket this
     * gatekeeper now owns (and closes).
     *
     * @param deadline how long each client has to finish its handshake
     * @param logName the {@link System.Logger} that refused clients are reported to, at {@code DEBUG}
     */
    public Gatekeeper(ServerSocketChannel server, byte[] authkey, Duration deadline, String logName) throws IOException {
        this.server = server;
        SocketAddress local = server.getLocalAddress();
        this.unixPath = local instanceof UnixDomainSocketAddress unix ? unix.getPath().toString() : null;
        this.authkey = authkey;
        this.logName = logName;
        this.deadlineNanos = deadline.toNanos();
        this.selector = Selector.open();
        try {
            server.configureBlocking(false);
            this.serverKey = server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
        // a class, not a lambda: a JVM's first lambda costs tens of milliseconds, on its critical path here
        this.thread = new Thread(new Runnable() {
            @Override
            public void run() {
                loop();
            }
        }, "mp4j-listener-handshakes");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * How long a client has, from its accept, to answer our challenge; applies to pending ones too.
     */
    public void setDeadline(Duration deadline) {
        this.deadlineNanos = deadline.toNanos();
        selector.wakeup(); // a shorter deadline may expire before the wait in progress ends
    }

    /**
     * Waits without bound for the next authenticated connection and returns it.
     *
     * @throws IOException "listener is closed" once {@link #close()} was called, before or during the wait
     * @throws InterruptedIOException if the thread is interrupted while waiting (its interrupt status
     *         is set again); the listener stays open
     */
    public SocketEndpoint take() throws IOException {
        PendingHandshake admitted;
        lock.lock();
        try {
            while (!closed && ready.isEmpty()) {
                arrived.await();
            }
            if (closed) {
                throw new IOException(failure == null ? "listener is closed"
                        : "listener is closed: its handshake thread failed", failure);
            }
            if (ready.size() == READY_LIMIT) {
                selector.wakeup(); // room again: accept what waits in the backlog
            }
            admitted = ready.poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a client");
        } finally {
            lock.unlock();
        }
        return new SocketEndpoint(admitted.channel,
                unixPath != null ? admitted.unixFd : SocketDescriptor.ofTcp(admitted.channel));
    }

    /** Stops accepting and waits until every pending and queued socket and the listening one are closed. */
    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        lock.lock();
        try {
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() == thread) {
            return; // a logger that closes the listener: the loop ends after this event
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /* ---------------- the thread ---------------- */

    private void loop() {
        try {
            while (!closed) {
                long now = System.nanoTime();
                boolean roomy = pending.size() < PENDING_LIMIT && readyCount() < READY_LIMIT;
                serverKey.interestOps(roomy && now - acceptPausedUntil >= 0 ? SelectionKey.OP_ACCEPT : 0);
                List<PendingHandshake> cancelled = finished;
                finished = new ArrayList<>();
                if (cancelled.isEmpty()) {
                    selector.select(this::ready, millisUntilNextEvent(now));
                } else {
                    selector.selectNow(this::ready);
                }
                admit(cancelled); // the selection just made has deregistered their keys
                // only now, after what had arrived was read: a thread that got the CPU late
                // must not close clients whose answers wait in their sockets
                expire(System.nanoTime());
            }
        } catch (IOException | RuntimeException | Error e) {
            lock.lock();
            try {
                failure = e;
            } finally {
                lock.unlock();
            }
        } finally {
            shutDown();
        }
    }

    private void ready(SelectionKey key) {
        if (key == serverKey) {
            acceptAll();
        } else {
            advance((PendingHandshake) key.attachment(), key);
        }
    }

    private void acceptAll() {
        while (pending.size() < PENDING_LIMIT) {
            // a UNIX socket is told apart from its look-alikes by what is new since just before
            Map<Integer, Long> before = unixPath != null ? SocketDescriptor.snapshot() : null;
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                acceptPausedUntil = System.nanoTime() + ACCEPT_PAUSE;
                return;
            }
            if (channel == null) {
                return;
            }
            try {
                channel.configureBlocking(false);
                int fd = -1;
                if (unixPath != null) {
                    fd = SocketDescriptor.ofUnix(before, unixPath);
                } else {
                    SocketEndpoint.noDelay(channel); // for the handshake's small exchanges too
                }
                PendingHandshake handshake = new PendingHandshake(channel, fd, authkey, System.nanoTime());
                pending.add(handshake);
                advance(handshake, channel.register(selector, 0, handshake)); // sends the challenge
            } catch (IOException e) {
                closeQuietly(channel); // gone before we could start: nothing to report
            }
        }
    }

    private void advance(PendingHandshake handshake, SelectionKey key) {
        try {
            int interest = handshake.advance();
            if (interest != 0) {
                key.interestOps(interest);
                if (handshake.clientHoldsKey() && pending.remove(handshake)) {
                    proven.add(handshake); // a key holder is no longer bounded as a stranger
                }
                return;
            }
            pending.remove(handshake);
            proven.remove(handshake);
            key.cancel();
            finished.add(handshake);
        } catch (AuthenticationError e) {
            refuse(handshake, e);
        } catch (IOException | RuntimeException e) {
            AuthenticationError failure = new AuthenticationError(
                    "protocol error during authentication: " + e.getMessage());
            failure.initCause(e);
            refuse(handshake, failure);
        }
    }

    /** Closes the handshakes past their deadline, and the oldest one when the table is full and it is old enough. */
    private void expire(long now) {
        long deadline = deadlineNanos;
        for (Iterator<PendingHandshake> it = pending.iterator(); it.hasNext(); ) {
            PendingHandshake handshake = it.next();
            if (now - handshake.acceptedAt >= deadline) {
                it.remove();
                refuse(handshake, new AuthenticationError("no answer from the peer within "
                        + TimeUnit.NANOSECONDS.toMillis(deadline) + " ms during authentication"));
            }
        }
        if (pending.size() >= PENDING_LIMIT) {
            PendingHandshake oldest = pending.iterator().next();
            if (now - oldest.acceptedAt >= ROOM_AGE) {
                pending.remove(oldest);
                refuse(oldest, new AuthenticationError("closed during authentication to make room: "
                        + PENDING_LIMIT + " clients had not answered yet"));
            }
        }
    }

    /** 0 (no bound) when nothing is timed, else at least 1. */
    private long millisUntilNextEvent(long now) {
        long next = Long.MAX_VALUE;
        long deadline = deadlineNanos;
        for (PendingHandshake handshake : pending) {
            next = Math.min(next, handshake.acceptedAt + deadline - now);
        }
        if (pending.size() >= PENDING_LIMIT) {
            next = Math.min(next, pending.iterator().next().acceptedAt + ROOM_AGE - now);
        }
        if (acceptPausedUntil - now > 0) {
            next = Math.min(next, acceptPausedUntil - now);
        }
        return next == Long.MAX_VALUE ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(next) + 1);
    }

    private void refuse(PendingHandshake handshake, AuthenticationError why) {
        pending.remove(handshake);
        proven.remove(handshake);
        System.getLogger(logName).log(System.Logger.Level.DEBUG, () -> "refused the client " + peerOf(handshake.channel) + ": " + why.getMessage());
        closeQuietly(handshake.channel);
    }

    private void admit(List<PendingHandshake> cancelled) {
        for (PendingHandshake handshake : cancelled) {
            try {
                handshake.channel.configureBlocking(true);
            } catch (IOException e) {
                closeQuietly(handshake.channel); // the client left at once: nobody to hand it to
                continue;
            }
            lock.lock();
            try {
                ready.add(handshake);
                arrived.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    private int readyCount() {
        lock.lock();
        try {
            return ready.size();
        } finally {
            lock.unlock();
        }
    }

    private void shutDown() {
        lock.lock();
        try {
            closed = true;
            for (PendingHandshake handshake : ready) {
                closeQuietly(handshake.channel);
            }
            ready.clear();
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        for (PendingHandshake handshake : pending) {
            closeQuietly(handshake.channel);
        }
        for (PendingHandshake handshake : proven) {
            closeQuietly(handshake.channel);
        }
        for (PendingHandshake handshake : finished) {
            closeQuietly(handshake.channel);
        }
        closeQuietly(server);
        closeQuietly(selector); // deregisters every key, which completes the closes above
    }

    private static String peerOf(SocketChannel channel) {
        try {
            return AddressSyntax.format(channel.getRemoteAddress());
        } catch (IOException | RuntimeException e) {
            return "(address unknown)";
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // the descriptor is released even when close reports an error
        }
    }
}
