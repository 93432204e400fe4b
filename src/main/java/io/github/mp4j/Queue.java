package io.github.mp4j;

import io.github.mp4j.handles.Backoff;
import io.github.mp4j.handles.Cleanup;
import io.github.mp4j.handles.QueuePipe;
import io.github.mp4j.handles.Transfer;
import io.github.mp4j.shipping.ClassShipping;
import io.github.mp4j.wire.Frames;
import io.github.mp4j.wire.ObjectCodec;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.time.Duration;

/**
 * A first-in first-out queue of objects shared by processes: any process may put, any may get, and
 * every item is received exactly once. Python's {@code multiprocessing.Queue}.
 *
 * <pre>{@code
 * import io.github.mp4j.Queue;      // by name: it shadows java.util.Queue
 *
 * Queue results = new Queue();
 * Process p = new Process(() -> results.put(ProcessHandle.current().pid()));
 * p.start();
 * Object pid = results.get(Duration.ofSeconds(10));  // Queue.Empty if nothing arrives in time
 * p.join();
 * }</pre>
 *
 * <p>Items are serialized when {@code put} is called (so an unserializable item fails there) and
 * written to the queue's pipe by a background thread, so an unbounded {@code put} never waits for
 * a reader; items from one thread arrive in the order it put them. As in Python, a process does not
 * exit until its buffered items have reached the pipe, which needs a reader for items beyond the
 * pipe's 64 KiB; {@link #cancelJoinThread()} lifts that rule (and loses those items).
 *
 * <p>{@link #qsize()}, {@link #empty()} and {@link #full()} count items put and not yet received,
 * including items still in a feeder's buffer, so a {@code get(false)} right after {@code put} may
 * still find nothing. A process killed while it writes or reads a message (not while it waits)
 * may leave the queue corrupted, as in Python; a process that dies while it merely waits to read is
 * recovered like a {@link Lock} holder. Travels into children like {@link Lock}.
 *
 * <p>{@link JoinableQueue} adds Python's task counting ({@code taskDone}, {@code join});
 * {@link SimpleQueue} is the lighter queue without a background thread.
 */
public sealed class Queue implements Serializable permits JoinableQueue {

    private static final long serialVersionUID = 1L;

    static {
        ClassShipping.install(); // items resolve classes as tasks do, even with no task shipped yet
    }

    /* The pipe, shared block and feeder live in QueuePipe; this class checks and (de)serializes. */
    private final int maxsize;
    private final transient QueuePipe pipe;
    private final transient Cleaner.Cleanable cleanable;
    private volatile transient boolean closed;

    /** An unbounded queue. */
    public Queue() {
        this(0);
    }

    /**
     * A queue holding at most {@code maxsize} items; zero or negative means unbounded.
     *
     * @throws UncheckedIOException if the pipe or shared memory cannot be created
     */
    public Queue(int maxsize) {
        this(maxsize, newPipe());
    }

    Queue(int maxsize, QueuePipe pipe) {
        this.maxsize = Math.max(0, maxsize);
        this.pipe = pipe;
        // the action refers to the pipe only, so an unreachable queue is closed in this process
        this.cleanable = Cleanup.whenUnreachable(this, pipe::close);
    }

    static QueuePipe newPipe() {
        try {
            return QueuePipe.create();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a pipe for a queue: " + e.getMessage(), e);
        }
    }

    /* ---------------- put ---------------- */

    /**
     * Puts {@code item} (any serializable object, null included), waiting as long as it takes for
     * room in a bounded queue.
     *
     * @throws java.io.NotSerializableException if the item cannot be serialized
     * @throws IOException if the item exceeds the maximum message size
     * @throws IllegalStateException "Queue is closed" after {@link #close()}
     * @throws InterruptedException if the thread is interrupted while waiting for room
     */
    public void put(Object item) throws IOException, InterruptedException {
        putItem(item, -1);
    }

    /**
     * Python's {@code put(obj, block, timeout)}: with {@code block} false, fails at once when the
     * queue is full; otherwise waits at most {@code timeout} (null: without bound) for room.
     *
     * @throws Full if the queue is still full when the wait ends
     * @throws IllegalArgumentException "'timeout' must be a non-negative number"
     * @throws InterruptedException if the thread is interrupted while waiting for room
     */
    public void put(Object item, boolean block, Duration timeout) throws IOException, InterruptedException, Full {
        long nanos = !block ? 0 : timeout == null ? -1 : nonNegative(timeout);
        if (!putItem(item, nanos)) {
            throw new Full();
        }
    }

    /** {@code put(item, false, null)}. */
    public void putNowait(Object item) throws IOException, InterruptedException, Full {
        put(item, false, null);
    }

    /** Puts one item; false if the queue stayed full for {@code timeoutNanos} (negative: without bound). */
    boolean putItem(Object item, long timeoutNanos) throws IOException, InterruptedException {
        checkOpen();
        byte[] bytes = encode(item);
        if (!pipe.reserve(maxsize, timeoutNanos)) {
            return false;
        }
        pipe.send(bytes);
        return true;
    }

    /** An item as it travels through a queue's pipe; fails here, not in the writer, if it cannot. */
    static byte[] encode(Object item) throws IOException {
        byte[] bytes = ObjectCodec.serialize(item);
        Frames.checkOutgoingSize(bytes.length);
        return bytes;
    }

    /** The item {@link #encode} made of {@code payload}. */
    static Object decode(byte[] payload) throws IOException {
        try {
            return ObjectCodec.deserialize(payload);
        } catch (ClassNotFoundException e) {
            throw new IOException("cannot deserialize a queue item: class " + e.getMessage() + " not found", e);
        }
    }

    /* ---------------- get ---------------- */

    /**
     * Removes and returns the oldest item, waiting as long as it takes for one.
     *
     * @throws IOException if the item cannot be deserialized (it is consumed) or the pipe fails
     * @throws IllegalStateException "Queue is closed" after {@link #close()}
     * @throws InterruptedException if the thread is interrupted while waiting; no item is consumed
     */
    public Object get() throws IOException, InterruptedException {
        try {
            return getItem(-1);
        } catch (Empty impossible) {
            throw new AssertionError(impossible);
        }
    }

    /**
     * Removes and returns the oldest item, waiting at most {@code timeout} for one.
     *
     * @throws Empty if no item arrived in time
     * @throws IllegalArgumentException "'timeout' must be a non-negative number"
     * @throws InterruptedException if the thread is interrupted while waiting; no item is consumed
     */
    public Object get(Duration timeout) throws IOException, InterruptedException, Empty {
        return getItem(nonNegative(timeout));
    }

    /**
     * Python's {@code get(block, timeout)}: with {@code block} false, takes an item only if one is
     * in the pipe now; otherwise waits at most {@code timeout} (null: without bound).
     *
     * @throws Empty if no item was available
     */
    public Object get(boolean block, Duration timeout) throws IOException, InterruptedException, Empty {
        return getItem(!block ? 0 : timeout == null ? -1 : nonNegative(timeout));
    }

    /** {@code get(false, null)}. */
    public Object getNowait() throws IOException, InterruptedException, Empty {
        return get(false, null);
    }

    private Object getItem(long timeoutNanos) throws IOException, InterruptedException, Empty {
        checkOpen();
        byte[] payload = pipe.take(timeoutNanos);
        if (payload == null) {
            throw new Empty();
        }
        return decode(payload);
    }

    /* ---------------- state ---------------- */

    /**
     * Whether an item is in the pipe, so that {@code get} would not wait for one (another process
     * may take it first): the probe behind {@link Connection#await}.
     */
    boolean readyNow() throws IOException {
        checkOpen();
        return pipe.hasData();
    }

    /**
     * The number of items put and not yet received, in every process; approximate while others work.
     *
     * @throws IllegalStateException "Queue is closed" after {@link #close()}, as every other call
     */
    public int qsize() {
        checkOpen();
        return pipe.count();
    }

    /**
     * Whether {@link #qsize()} is zero; approximate while other processes put or get.
     *
     * @throws IllegalStateException "Queue is closed" after {@link #close()}: a closed queue no
     *         longer knows (Python's raises {@code OSError} here once the queue was used)
     */
    public boolean empty() {
        return qsize() == 0;
    }

    /**
     * Whether a bounded queue holds {@code maxsize} items; always false for an unbounded one.
     *
     * @throws IllegalStateException "Queue is closed" after {@link #close()}
     */
    public boolean full() {
        int size = qsize();
        return maxsize > 0 && size >= maxsize;
    }

    /** The bound given at creation; 0 for an unbounded queue. */
    public int maxsize() {
        return maxsize;
    }

    /**
     * Declares that this process will neither put nor get any more: the receiving side closes now,
     * the sending side once buffered items are written. Other processes' copies stay usable.
     * Closing twice is harmless.
     */
    public void close() {
        if (!closed) {
            closed = true;
            cleanable.clean();
        }
    }

    /**
     * Waits until every item this process put has been written to the pipe (Python's
     * {@code join_thread}); only allowed after {@link #close()}.
     *
     * @throws IllegalStateException if the queue is not closed
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public void joinThread() throws InterruptedException {
        if (!closed) {
            throw new IllegalStateException("Queue is still open");
        }
        pipe.awaitFlushed();
    }

    /** Lets this process exit without waiting to write buffered items, which are then lost. */
    public void cancelJoinThread() {
        pipe.cancelJoin();
    }

    @Override
    public String toString() {
        String bound = maxsize > 0 ? ", maxsize=" + maxsize : "";
        return "<" + getClass().getSimpleName() + (closed ? "(closed" + bound : "(qsize=" + pipe.count() + bound) + ")>";
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Queue is closed");
        }
    }

    private static long nonNegative(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("'timeout' must be a non-negative number");
        }
        return Backoff.nanos(timeout);
    }

    /* ---------------- travelling into a child ---------------- */

    private Object writeReplace() throws ObjectStreamException {
        return new Ref(maxsize, travellingPipe("Queue"));
    }

    /** What a subclass's {@code writeReplace} sends in place of the pipe (private methods are not inherited there). */
    final QueuePipe.Reference travellingPipe(String kind) throws ObjectStreamException {
        if (closed) {
            Transfer.checkInheritance(kind);
            throw new InvalidObjectException(kind + " is closed");
        }
        return pipe.travel(kind);
    }

    private static final class Ref implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int maxsize;
        private final QueuePipe.Reference pipe;

        Ref(int maxsize, QueuePipe.Reference pipe) {
            this.maxsize = maxsize;
            this.pipe = pipe;
        }

        private Object readResolve() throws ObjectStreamException {
            return new Queue(maxsize, pipe.reopen());
        }
    }

    /** Raised by {@code get} when no item arrives in time. Python's {@code queue.Empty}. */
    public static final class Empty extends Exception {
        private static final long serialVersionUID = 1L;

        public Empty() {
            super("the queue is empty");
        }
    }

    /** Raised by {@code put} when a bounded queue stays full. Python's {@code queue.Full}. */
    public static final class Full extends Exception {
        private static final long serialVersionUID = 1L;

        public Full() {
            super("the queue is full");
        }
    }
}
