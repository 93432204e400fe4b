package io.github.mp4j.handles;

import io.github.mp4j.wire.Endpoint;
import io.github.mp4j.wire.FrameOutput;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The background thread that moves a queue's serialized items from this process into its pipe, so
 * that {@code put} returns without waiting for a reader. Python's queue feeder thread.
 *
 * <p>Implementation overview. Items wait in {@link #buffer} (guarded by this object's monitor) in
 * the order they were put. One daemon thread per feeder takes the oldest item, acquires the
 * queue's cross-process write lock, writes the whole frame and releases the lock, so messages from
 * different processes never interleave, however large. The thread ends after a few idle seconds and
 * is started again by the next item. As in Python, a process does not exit before its feeders have
 * flushed their buffers (a shutdown hook waits for them) unless {@link #cancelJoin()} was called.
 */
public final class Feeder {

    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Feeders with unwritten items; the shutdown hook waits for each. */
    private static final Set<Feeder> UNFLUSHED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Feeder feeder : UNFLUSHED) {
                try {
                    feeder.awaitFlushed();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "mp4j-queue-flush"));
    }

    private final Endpoint writer;
    /** Where the frames go: the writer's stream, or the portable transport's whole messages. */
    private final FrameOutput frames;
    private final MappedLock writeLock;
    private final Runnable onDropped;
    private final ArrayDeque<byte[]> buffer = new ArrayDeque<>();
    private Thread thread;
    private boolean closing;
    private boolean writerClosed;
    private volatile boolean cancelled;

    /**
     * @param writer    this process's copy of the pipe's writing side; the feeder closes it on {@link #close()}
     * @param writeLock the lock every writing process takes around one frame
     * @param onDropped called for an item that could not be written (to correct the queue's size)
     */
    public Feeder(Endpoint writer, MappedLock writeLock, Runnable onDropped) {
        this.writer = writer;
        this.frames = writer.frameOutput();
        this.writeLock = writeLock;
        this.onDropped = onDropped;
    }

    /** Appends a serialized item; it is written after every item added before it. */
    public synchronized void add(byte[] item) {
        if (closing) {
            throw new IllegalStateException("Queue is closed");
        }
        buffer.add(item);
        if (!cancelled) {
            UNFLUSHED.add(this);
        }
        if (thread == null) {
            thread = new Thread(this::run, "mp4j-queue-feeder");
            thread.setDaemon(true);
            thread.start();
        }
        notifyAll();
    }

    private void run() {
        while (true) {
            byte[] item;
            synchronized (this) {
                long idleSince = System.nanoTime();
                while (buffer.isEmpty()) {
                    long idle = System.nanoTime() - idleSince;
                    if (closing || idle >= IDLE_NANOS) {
                        thread = null;
                        if (closing) {
                            closeWriter();
                        }
                        notifyAll();
                        return;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, IDLE_NANOS - idle);
                    } catch (InterruptedException e) {
                        // nobody interrupts this thread on purpose; keep feeding
                    }
                }
                item = buffer.peek(); // stays buffered until written: "flushed" means written
            }
            write(item);
            synchronized (this) {
                buffer.poll();
                if (buffer.isEmpty()) {
                    UNFLUSHED.remove(this);
                }
                notifyAll();
            }
        }
    }

    private void write(byte[] item) {
        try {
            writeNow(item);
        } catch (IOException | InterruptedException | RuntimeException e) {
            onDropped.run();
            System.err.println("mp4j: a Queue item could not be sent and was dropped: " + e);
        }
    }

    /**
     * Writes one frame from the calling thread, bypassing the buffer, under the write lock; for a
     * queue without a feeder thread ({@code SimpleQueue}).
     */
    public void writeNow(byte[] item) throws IOException, InterruptedException {
        writeLock.acquire(-1, ProcessToken.SELF);
        try {
            frames.write(item, 0, item.length);
        } finally {
            writeLock.release();
        }
    }

    /** Waits until every item added so far has been written to the pipe. */
    public synchronized void awaitFlushed() throws InterruptedException {
        while (!buffer.isEmpty()) {
            wait();
        }
    }

    /** Lets this process exit without waiting for the items still buffered (they are lost). */
    public void cancelJoin() {
        cancelled = true;
        UNFLUSHED.remove(this);
    }

    /** Refuses further items; the writing side is closed once the buffer is flushed. */
    public synchronized void close() {
        closing = true;
        if (thread == null) {
            closeWriter();
        }
        notifyAll();
    }

    private void closeWriter() {
        if (!writerClosed) {
            writerClosed = true;
            try {
                writer.close();
            } catch (IOException ignored) {
                // the descriptor is released even if close reports an error
            }
        }
    }
}
