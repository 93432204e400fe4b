package io.github.mp4j;

import io.github.mp4j.handles.Cleanup;
import io.github.mp4j.handles.EndpointRef;
import io.github.mp4j.shipping.ClassShipping;
import io.github.mp4j.wire.BadMessageLength;
import io.github.mp4j.wire.Endpoint;
import io.github.mp4j.wire.FrameInput;
import io.github.mp4j.wire.FrameOutput;
import io.github.mp4j.wire.ObjectCodec;
import io.github.mp4j.wire.TruncatedMessage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One end of a {@link Pipe}, or a connection made by {@link Listener} and {@link Client}: sends and
 * receives whole messages, either serialized objects or raw bytes. Python's
 * {@code multiprocessing.connection.Connection}.
 *
 * <pre>{@code
 * Pipe pipe = Pipe.open();
 * try (Connection parentEnd = pipe.conn1(); Connection childEnd = pipe.conn2()) {
 *     Process p = new Process(() -> { childEnd.send("hello"); childEnd.send(null); });
 *     p.start();
 *     childEnd.close();                          // the child holds its own copy now
 *     for (Object m; (m = parentEnd.recv()) != null; ) System.out.println(m);
 *     p.join();
 * }
 * }</pre>
 *
 * <p>Messages never merge or split: each {@code send} or {@code sendBytes} is one {@code recv}.
 * An end can travel into child processes by being captured in a {@link Process} task; each process
 * then holds its own copy, and {@link #recv} raises {@link EOFException} only once every copy of the
 * peer end, in every process, has been closed, exactly as with Python's OS pipes. A Connection is
 * closed automatically when it becomes unreachable.
 *
 * <p>Several threads may use one Connection: sends are serialized against each other, and so are
 * receives. Blocking receives wait without bound; use {@link #poll(Duration)} to bound them.
 */
public final class Connection implements AutoCloseable, Serializable {

    private static final long serialVersionUID = 1L;
    /** Waits for data on behalf of {@link #poll(Duration)}, since pipes cannot join a Selector. */
    private static final ExecutorService READ_AHEAD = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mp4j-poll");
        t.setDaemon(true);
        return t;
    });
    /** How long poll() with no timeout waits for a new read to tell end-of-file from "no data yet". */
    private static final long EOF_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * How long poll() with no timeout waits for a read that an earlier poll left waiting: it may
     * have taken a header off the pipe already and only need to be scheduled to report it.
     */
    private static final long IN_FLIGHT_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** How often a waiting poll checks whether another holder of the end brought data in. */
    private static final long READY_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    static {
        ClassShipping.install(); // messages resolve classes as tasks do, even with no task shipped yet
    }

    private final transient Endpoint endpoint;
    /** Where receives take frames from; null for a write-only end. */
    private final transient FrameInput frames;
    /** Where sends write frames to; null for a read-only end. */
    private final transient FrameOutput out;
    private final transient Cleaner.Cleanable cleanable;
    private final transient Object sendLock = new Object();
    private final transient ReentrantLock recvLock = new ReentrantLock();
    private volatile transient boolean closed;
    /**
     * One for the open connection plus one per call under way on the endpoint (a send, a receive, a
     * poll and the background read it leaves): whoever brings it to zero frees the memory the
     * endpoint shares with its other holders ({@link Endpoint#release}), which such a call might
     * still touch after {@link #close()}. Zero is final.
     */
    private final transient AtomicInteger holds = new AtomicInteger(1);
    /** A background wait for data that poll() started ({@link FrameInput#awaitData}); guarded by recvLock. */
    private transient CompletableFuture<Void> pendingWait;
    /** Set when a message was refused midway; guarded by recvLock. */
    private transient String outOfStep;
    /** Set once a receive has met the end of the stream, which stays ended; guarded by recvLock. */
    private transient boolean atEnd;

    Connection(Endpoint endpoint) {
        this.endpoint = endpoint;
        this.frames = endpoint.frameInput();
        this.out = endpoint.frameOutput();
        this.cleanable = Cleanup.whenUnreachable(this, new CloseOnCollect(endpoint));
    }

    /* ---------------- sending ---------------- */

    /**
     * Serializes {@code obj} (any {@link Serializable}, null included) and sends it as one message.
     *
     * @throws java.io.NotSerializableException if {@code obj} or a value it holds is not serializable
     * @throws IOException "handle is closed", "connection is read-only", "Broken pipe" when no process
     *         holds the peer end any more, or a message larger than the configured maximum
     */
    public void send(Object obj) throws IOException {
        checkWritable();
        byte[] bytes = ObjectCodec.serialize(obj);
        writeFrame(bytes, 0, bytes.length);
    }

    /** Sends all of {@code buf} as one message. */
    public void sendBytes(byte[] buf) throws IOException {
        sendBytes(buf, 0);
    }

    /** Sends {@code buf[offset..]} as one message. */
    public void sendBytes(byte[] buf, int offset) throws IOException {
        checkWritable();
        checkOffset(buf, offset);
        writeFrame(buf, offset, buf.length - offset);
    }

    /**
     * Sends {@code size} bytes of {@code buf} from {@code offset} as one message; an empty message
     * is legal and is received as an empty array.
     *
     * @throws IllegalArgumentException "offset is negative", "buffer length &lt; offset",
     *         "size is negative", "buffer length &lt; offset + size"
     */
    public void sendBytes(byte[] buf, int offset, int size) throws IOException {
        checkWritable();
        checkOffset(buf, offset);
        if (size < 0) {
            throw new IllegalArgumentException("size is negative");
        }
        if ((long) offset + size > buf.length) {
            throw new IllegalArgumentException("buffer length < offset + size");
        }
        writeFrame(buf, offset, size);
    }

    private static void checkOffset(byte[] buf, int offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset is negative");
        }
        if (buf.length < offset) {
            throw new IllegalArgumentException("buffer length < offset");
        }
    }

    private void writeFrame(byte[] buf, int offset, int size) throws IOException {
        hold();
        try {
            synchronized (sendLock) {
                checkOpen();
                out.write(buf, offset, size);
            }
        } finally {
            unhold();
        }
    }

    /* ---------------- receiving ---------------- */

    /**
     * Receives one message sent by {@link #send} and deserializes it, waiting as long as it takes.
     *
     * @throws EOFException when nothing is left and every copy of the peer end has been closed
     * @throws TruncatedMessage "got end of file during message" when the peer died while sending
     * @throws IOException "handle is closed", "connection is write-only", or a message that cannot
     *         be deserialized
     */
    public Object recv() throws IOException {
        byte[] bytes = recvBytes();
        try {
            return ObjectCodec.deserialize(bytes);
        } catch (ClassNotFoundException e) {
            throw new IOException("cannot deserialize the message: class " + e.getMessage() + " not found", e);
        }
    }

    /** Receives one message sent by {@link #sendBytes}. */
    public byte[] recvBytes() throws IOException {
        return recvBytes(Integer.MAX_VALUE);
    }

    /**
     * Receives one byte message of at most {@code maxLength} bytes.
     *
     * @throws IllegalArgumentException "negative maxlength"
     * @throws BadMessageLength "bad message length" when the message is longer; this end then refuses
     *         further receives (the message stays for the other holders of the end, if any)
     */
    public byte[] recvBytes(int maxLength) throws IOException {
        if (maxLength < 0) {
            throw new IllegalArgumentException("negative maxlength");
        }
        checkReadable();
        startReceive();
        try {
            int length = nextLength();
            if (length > maxLength) {
                outOfStep = "a message of " + length + " bytes was refused by recvBytes(" + maxLength + ")";
                throw new BadMessageLength();
            }
            return take(length);
        } finally {
            endReceive();
        }
    }

    /** Receives one byte message into {@code buf} from index 0; see {@link #recvBytesInto(byte[], int)}. */
    public int recvBytesInto(byte[] buf) throws IOException {
        return recvBytesInto(buf, 0);
    }

    /**
     * Receives one byte message into {@code buf} starting at {@code offset}.
     *
     * @return the number of bytes in the message
     * @throws IllegalArgumentException "negative offset", "offset too large"
     * @throws BufferTooShort when the message is longer than {@code buf.length - offset}; it is
     *         consumed, carried by the exception, and the connection stays usable
     */
    public int recvBytesInto(byte[] buf, int offset) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset");
        }
        if (offset > buf.length) {
            throw new IllegalArgumentException("offset too large");
        }
        checkReadable();
        startReceive();
        try {
            int length = nextLength();
            if (length > buf.length - offset) {
                throw new BufferTooShort(take(length));
            }
            take(buf, offset, length);
            return length;
        } finally {
            endReceive();
        }
    }

    /** Whether a message (or end-of-file) is ready, without waiting; see {@link #poll(Duration)}. */
    public boolean poll() throws IOException {
        return poll(Duration.ZERO);
    }

    /**
     * Waits up to {@code timeout} until a receive would find data, or the peer end is closed
     * everywhere (the next receive then raises EOF). Never consumes a message. As with an OS pipe,
     * another holder of this end may take the message first. Since a pipe cannot be polled without
     * reading, telling end-of-file from an empty pipe may take up to a millisecond even when
     * {@code timeout} is zero, and up to 10 ms after an earlier poll timed out. A poll that found
     * nothing leaves a read waiting in the background; for a {@link Pipe} end, what it reads stays
     * in a buffer shared by all holders of the end.
     *
     * A negative {@code timeout} counts as zero, as in Python and {@code java.util.concurrent}.
     */
    public boolean poll(Duration timeout) throws IOException {
        if (timeout.isNegative()) {
            timeout = Duration.ZERO;
        }
        checkReadable();
        hold();
        try {
            return pollHeld(timeout);
        } finally {
            unhold();
        }
    }

    private boolean pollHeld(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + Math.max(timeout.toNanos(), pendingWait == null
                ? EOF_GRACE_NANOS : IN_FLIGHT_GRACE_NANOS);
        try {
            if (!recvLock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted in poll");
        }
        try {
            checkOpen();
            if (pendingWait != null && pendingWait.isDone()) {
                pendingWait = null; // what it read is in frames.ready(), unless another holder took it
            }
            if (outOfStep != null || atEnd || frames.ready()) {
                return true; // a receive finds data, or fails at once
            }
            startPendingWait();
            return awaitReady(deadline);
        } finally {
            recvLock.unlock();
        }
    }

    /** Leaves a background read waiting for data, unless one is under way already; recvLock held. */
    private void startPendingWait() throws IOException {
        if (pendingWait == null) {
            hold(); // the background read touches the endpoint's shared buffer until it ends
            pendingWait = CompletableFuture.runAsync(frames::awaitData, READ_AHEAD);
            // not through this object: an unreachable Connection must stay collectable meanwhile
            AtomicInteger count = holds;
            Endpoint held = endpoint;
            pendingWait.whenComplete((done, failed) -> unhold(count, held));
        }
    }

    /**
     * Whether a receive would now find data or fail at once (end of file included), without waiting:
     * the probe behind {@link #await}. Like a poll that finds nothing, leaves a read waiting in the
     * background, whose end a later probe sees. False while another thread of this process
     * receives or polls on this end: that thread will take what arrives.
     */
    boolean readyNow() throws IOException {
        checkReadable();
        hold();
        try {
            if (!recvLock.tryLock()) {
                return false;
            }
            try {
                checkOpen();
                // a finished background read means data or end of file, as in awaitReady
                if (pendingWait != null && pendingWait.isDone() || outOfStep != null || atEnd || frames.ready()) {
                    return true;
                }
                startPendingWait();
                return false;
            } finally {
                recvLock.unlock();
            }
        } finally {
            unhold();
        }
    }

    /** Waits for the background read, or for data that another holder brought in; recvLock held. */
    private boolean awaitReady(long deadline) throws IOException {
        while (true) {
            try {
                pendingWait.get(Math.min(READY_CHECK_NANOS, Math.max(0, deadline - System.nanoTime())),
                        TimeUnit.NANOSECONDS);
                return true;
            } catch (TimeoutException e) {
                if (frames.ready()) {
                    return true;
                }
                if (deadline - System.nanoTime() <= 0) {
                    return false;
                }
            } catch (ExecutionException e) {
                return true; // awaitData keeps its errors for the receive; this is unexpected
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted in poll");
            }
        }
    }

    /**
     * Waits up to {@code timeout} until at least one of {@code objects} is ready, and returns the
     * ready ones in the order given. Python's {@code multiprocessing.connection.wait} ({@code wait}
     * is final on {@code Object} in Java).
     *
     * <pre>{@code
     * List<Object> ready = Connection.await(List.of(results, jobs, worker.sentinel()), Duration.ofSeconds(5));
     * if (ready.contains(results)) System.out.println(results.recv());
     * if (ready.contains(worker.sentinel())) System.out.println("worker ended: " + worker.exitCode());
     * }</pre>
     *
     * <p>Ready means: for a {@link Connection}, that {@link #recv()} would not block (a message, or
     * end of file once every copy of the peer end is closed), as {@link #poll()}; for a
     * {@link Queue} or {@link SimpleQueue}, that an item is in its pipe, so that {@code get} would not wait (another
     * process may take it first, as with any pipe); for a started {@link Process}, its
     * {@link Process#sentinel() sentinel}, the {@link Process#parent() parent process} or its
     * sentinel, that the process has ended. Readiness is checked at intervals that grow to 10 ms,
     * so a wait notices a change up to that much later. A connection on which another thread of
     * this process is receiving or polling does not count as ready: that thread takes the message.
     * With no objects and no timeout, waits until interrupted, as Python's does.
     *
     * @param objects what to watch; each element a {@link Connection}, {@link Queue},
     *        {@link SimpleQueue}, {@link Process}, {@link ParentProcess} or {@link Sentinel}
     * @param timeout how long to wait at most; null waits without bound, zero or negative only
     *        checks (as {@code java.util.concurrent} does), which may take a millisecond, as
     *        {@link #poll()} does, to see a message already in a connection's pipe
     * @return the ready objects, empty if none became ready in time
     * @throws IllegalArgumentException if an element is of another type (or null), naming it
     * @throws IOException "handle is closed" for a closed connection, "connection is write-only"
     * @throws IllegalStateException "Queue is closed", "process object is closed", or a process not
     *         started
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public static <T> List<T> await(Collection<? extends T> objects, Duration timeout)
            throws IOException, InterruptedException {
        return ReadinessWait.await(objects, timeout);
    }

    /**
     * Takes recvLock, lets a background read that poll() left finish, and begins a receive on the
     * frame source; on success the caller must call {@link #endReceive()}.
     */
    private void startReceive() throws IOException {
        hold();
        try {
            recvLock.lockInterruptibly();
        } catch (InterruptedException e) {
            unhold();
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting to receive");
        }
        try {
            checkOpen();
            if (outOfStep != null) {
                throw new IOException("this end can no longer receive: " + outOfStep);
            }
            if (pendingWait != null) {
                awaitPending();
                pendingWait = null;
            }
            frames.begin();
        } catch (IOException | RuntimeException e) {
            recvLock.unlock();
            unhold();
            throw e;
        }
    }

    private void awaitPending() throws IOException {
        try {
            pendingWait.get();
        } catch (ExecutionException e) {
            // awaitData keeps its errors for the receive itself
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while receiving");
        }
    }

    private void endReceive() {
        try {
            frames.end();
        } finally {
            recvLock.unlock();
            unhold();
        }
    }

    /** Counts a call under way on the endpoint; see {@link #holds}. */
    private void hold() throws IOException {
        for (int n; (n = holds.get()) > 0; ) {
            if (holds.compareAndSet(n, n + 1)) {
                return;
            }
        }
        throw new IOException("handle is closed");
    }

    private void unhold() {
        unhold(holds, endpoint);
    }

    private static void unhold(AtomicInteger holds, Endpoint endpoint) {
        if (holds.decrementAndGet() == 0) {
            endpoint.release();
        }
    }

    /** The next message's length; inside a receive. */
    private int nextLength() throws IOException {
        int length;
        try {
            length = frames.nextLength();
        } catch (BadMessageLength e) {
            outOfStep = e.getMessage();
            throw e;
        }
        if (length < 0) {
            atEnd = true;
            throw new EOFException("end of file: every copy of the peer end has been closed");
        }
        return length;
    }

    /** Takes a payload whose length was read; see {@link #failedTake}. */
    private void take(byte[] buf, int offset, int length) throws IOException {
        try {
            frames.take(buf, offset, length);
        } catch (IOException e) {
            throw failedTake(e);
        }
    }

    /** As {@link #take(byte[], int, int)}, into a new array allocated as the bytes arrive. */
    private byte[] take(int length) throws IOException {
        try {
            return frames.take(length);
        } catch (IOException e) {
            throw failedTake(e);
        }
    }

    /**
     * Records what a failed take leaves, and returns its error. If the stream ended inside the
     * payload, the writer died mid-message: that is reported, and the next receive sees the end of
     * file as usual.
     */
    private IOException failedTake(IOException e) {
        // A peer that died mid-message leaves the stream at its end, not out of step: the next
        // receive then raises EOF, as in Python. Any other failure leaves bytes of unknown meaning.
        if (e instanceof TruncatedMessage) {
            atEnd = true;
        } else {
            outOfStep = "the previous message was cut short";
        }
        return e;
    }

    /* ---------------- state ---------------- */

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    /** Whether this end can receive (false for the sending end of a one-way pipe). */
    public boolean isReadable() {
        return frames != null;
    }

    /** Whether this end can send (false for the receiving end of a one-way pipe). */
    public boolean isWritable() {
        return out != null;
    }

    /**
     * The operating system's file descriptor number of this end in this process; -1 with the
     * portable transport (macOS, Windows), whose socket channels Java gives no number.
     */
    public int fileno() throws IOException {
        checkOpen();
        return endpoint.fileno();
    }

    /**
     * Closes this process's copy of the end and frees what it holds here: its descriptors and, for a
     * {@link Pipe} end, the buffer it shares with the other holders of the end (its descriptor, and
     * its mapping from Java 22 on; before, the mapping goes with the garbage collector). When
     * another thread is in a send, a receive or a poll on this end (or a poll left a read waiting),
     * the buffer is freed as soon as that ends. Other processes' copies stay open; the peer sees
     * EOF once every copy is closed. Closing twice is harmless; any other use afterwards raises
     * "handle is closed". An end that is never closed is closed when it becomes unreachable.
     */
    @Override
    public void close() throws IOException {
        synchronized (holds) {
            if (closed) {
                return;
            }
            closed = true;
        }
        cleanable.clean();
        unhold();
    }

    @Override
    public String toString() {
        String mode = isReadable() && isWritable() ? "duplex" : isReadable() ? "read-only" : "write-only";
        return "Connection[" + mode + (closed ? ", closed" : ", fd=" + endpoint.fileno()) + "]";
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("handle is closed");
        }
    }

    private void checkReadable() throws IOException {
        checkOpen();
        if (frames == null) {
            throw new IOException("connection is write-only");
        }
    }

    private void checkWritable() throws IOException {
        checkOpen();
        if (out == null) {
            throw new IOException("connection is read-only");
        }
    }

    /* ---------------- travelling into a child ---------------- */

    private Object writeReplace() throws ObjectStreamException {
        if (closed) {
            throw new InvalidObjectException("handle is closed");
        }
        return new Ref(endpoint);
    }

    /** What a Connection becomes in flight; the receiving process opens its own copy. */
    private static final class Ref extends EndpointRef {
        private static final long serialVersionUID = 1L;

        Ref(Endpoint endpoint) throws ObjectStreamException {
            super(endpoint, "this connection");
        }

        @Override
        protected Object rebuild(Endpoint opened) {
            return new Connection(opened);
        }
    }

    /** Closes the endpoint when the Connection is closed or collected; must not refer to it. */
    private record CloseOnCollect(Endpoint endpoint) implements Runnable {
        @Override
        public void run() {
            try {
                endpoint.close();
            } catch (IOException ignored) {
                // the descriptor is released even if close reports an error
            }
        }
    }
}
