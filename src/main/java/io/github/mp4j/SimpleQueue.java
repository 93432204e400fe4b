package io.github.mp4j;

import io.github.mp4j.handles.Cleanup;
import io.github.mp4j.handles.QueuePipe;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;

/**
 * A first-in first-out queue of objects shared by processes, without {@link Queue}'s background
 * thread, bound or timeouts: {@code put} writes the item itself, under the queue's write lock.
 * Python's {@code multiprocessing.SimpleQueue}.
 *
 * <pre>{@code
 * SimpleQueue lines = new SimpleQueue();
 * Process p = new Process(() -> lines.put("hello from " + ProcessHandle.current().pid()));
 * p.start();
 * Object line = lines.get();    // waits as long as it takes
 * p.join();
 * lines.close();
 * }</pre>
 *
 * <p>Because {@code put} writes the whole message before it returns, an item larger than the pipe's
 * 64 KiB makes it wait until a reader takes the item's start; in exchange, a process may exit as
 * soon as its {@code put} returns. Messages from several writers never interleave. Like
 * {@link Queue}, a process killed while it writes or reads a message may leave the queue
 * corrupted, as in Python; one that dies while it waits for the read or write lock, or holding
 * the read lock while it waits for data, is recovered like a {@link Lock} holder. Travels into
 * children like {@link Lock}.
 */
public final class SimpleQueue implements Serializable {

    private static final long serialVersionUID = 1L;

    /*
     * The pipe with its two locks is Queue's; only the feeder thread goes unused. Items are encoded
     * and decoded by Queue, whose class initialization installs class shipping before the first.
     */
    private final transient QueuePipe pipe;
    private final transient Cleaner.Cleanable cleanable;
    private volatile transient boolean closed;

    /**
     * An empty queue.
     *
     * @throws UncheckedIOException if the pipe or shared memory cannot be created
     */
    public SimpleQueue() {
        this(Queue.newPipe());
    }

    private SimpleQueue(QueuePipe pipe) {
        this.pipe = pipe;
        // the action refers to the pipe only, so an unreachable queue is closed in this process
        this.cleanable = Cleanup.whenUnreachable(this, pipe::close);
    }

    /**
     * Puts {@code item} (any serializable object, null included) and returns once it is in the
     * pipe.
     *
     * @throws java.io.NotSerializableException if the item cannot be serialized
     * @throws IOException if the item exceeds the maximum message size or the pipe fails
     * @throws IllegalStateException "SimpleQueue is closed" after {@link #close()}
     * @throws InterruptedException if the thread is interrupted while waiting for the write lock
     */
    public void put(Object item) throws IOException, InterruptedException {
        checkOpen();
        pipe.sendNow(Queue.encode(item));
    }

    /**
     * Removes and returns the oldest item, waiting as long as it takes for one.
     *
     * @throws IOException if the item cannot be deserialized (it is consumed) or the pipe fails
     * @throws IllegalStateException "SimpleQueue is closed" after {@link #close()}
     * @throws InterruptedException if the thread is interrupted while waiting; no item is consumed
     */
    public Object get() throws IOException, InterruptedException {
        checkOpen();
        return Queue.decode(pipe.take(-1));
    }

    /**
     * Whether no item waits in the queue's pipe; approximate while others work. Python's
     * {@code empty}.
     *
     * @throws UncheckedIOException if the pipe cannot be polled
     */
    public boolean empty() {
        checkOpen();
        try {
            return !pipe.hasData();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot poll the queue's pipe: " + e.getMessage(), e);
        }
    }

    /**
     * Closes this process's copy of the queue: afterwards {@code put}, {@code get} and
     * {@code empty} throw {@link IllegalStateException}. Other processes' copies stay usable.
     * Closing twice is harmless.
     */
    public void close() {
        if (!closed) {
            closed = true;
            cleanable.clean();
        }
    }

    @Override
    public String toString() {
        return closed ? "<SimpleQueue(closed)>" : "<SimpleQueue(" + (empty() ? "empty" : "not empty") + ")>";
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("SimpleQueue is closed");
        }
    }

    /* ---------------- travelling into a child ---------------- */

    private Object writeReplace() throws ObjectStreamException {
        if (closed) {
            throw new InvalidObjectException("SimpleQueue is closed");
        }
        return new Ref(pipe.travel("SimpleQueue"));
    }

    private record Ref(QueuePipe.Reference pipe) implements Serializable {
        private Object readResolve() throws ObjectStreamException {
            return new SimpleQueue(pipe.reopen());
        }
    }
}
