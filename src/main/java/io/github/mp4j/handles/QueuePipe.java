package io.github.mp4j.handles;

import io.github.mp4j.platform.Transport;
import io.github.mp4j.wire.Endpoint;
import io.github.mp4j.wire.FrameInput;
import io.github.mp4j.wire.Frames;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * The machinery under {@code io.github.mp4j.Queue}: moves serialized items between processes and
 * counts them. The queue itself only checks arguments and (de)serializes.
 *
 * <p>Implementation overview. One one-way FIFO carries the frames; every process holding the
 * queue has its own copy of both sides, so a reader never sees end-of-file. A small
 * {@link SharedMemory} block holds a read lock (one reader takes one whole message at a time), a
 * write lock (taken by each process's {@link Feeder} around one frame, so messages never
 * interleave however large) and the count of items put and not yet received, which also enforces
 * the queue's bound. A reader waits for data with {@link InputStream#available()}, which consumes
 * nothing, so a reader that times out leaves the pipe exactly as it found it; once it has read a
 * byte it reads the whole message.
 *
 * <p>In the portable transport (see {@link PortableEnd}) the pipe's ends receive whole messages
 * only: a reader waits with {@link FrameInput#ready()}, which asks the broker for one message, and
 * one that times out gives back what it asked for ({@link PortableEnd#unclaim()}), so an item is never
 * left with a process that stopped waiting.
 */
public final class QueuePipe {

    private static final int READ_LOCK = 0;
    private static final int WRITE_LOCK = 8;
    private static final int COUNT = 16;

    private final SharedMemory memory;
    private final MappedLock readLock;
    private final Endpoint reader;
    /** The reader's whole messages where it has no stream (portable transport); else null. */
    private final FrameInput frames;
    private final Endpoint writer;
    private final Feeder feeder;

    private QueuePipe(SharedMemory memory, Endpoint reader, Endpoint writer) {
        this.memory = memory;
        this.readLock = new MappedLock(memory, READ_LOCK);
        this.reader = reader;
        this.frames = reader.input() == null ? reader.frameInput() : null;
        this.writer = writer;
        this.feeder = new Feeder(writer, new MappedLock(memory, WRITE_LOCK), () -> memory.getAndAdd(COUNT, -1));
    }

    /** A new, empty pipe for one queue. */
    public static QueuePipe create() throws IOException {
        Endpoint[] ends = Transport.current() == Transport.LINUX ? Fifo.pipe(false) : PortableEnd.pipe(false);
        try {
            return new QueuePipe(SharedMemory.create(24), ends[0], ends[1]);
        } catch (IOException | RuntimeException e) {
            ends[0].close();
            ends[1].close();
            throw e;
        }
    }

    /**
     * Counts one more item, waiting at most {@code timeoutNanos} (negative: without bound) while
     * {@code maxsize} (0: unbounded) items are counted already.
     *
     * @return false if the queue was still full when the wait ended
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public boolean reserve(int maxsize, long timeoutNanos) throws InterruptedException {
        if (maxsize == 0) {
            memory.getAndAdd(COUNT, 1);
            return true;
        }
        Backoff backoff = Backoff.forTimeout(timeoutNanos);
        while (true) {
            long count = memory.get(COUNT);
            if (count < maxsize) {
                if (memory.compareAndSet(COUNT, count, count + 1)) {
                    return true;
                }
            } else if (!backoff.pause()) {
                return false;
            }
        }
    }

    /** Hands a serialized item, already counted by {@link #reserve}, to this process's feeder. */
    public void send(byte[] item) {
        try {
            feeder.add(item);
        } catch (RuntimeException e) {
            memory.getAndAdd(COUNT, -1);
            throw e;
        }
    }

    /**
     * Counts and writes a serialized item from the calling thread, under the write lock, without a
     * feeder: returns once the whole frame is in the pipe, which for a large item means once a
     * reader has taken its start. Python's {@code SimpleQueue.put}.
     *
     * @throws IOException if the pipe fails (the item is then not counted)
     * @throws InterruptedException if the thread is interrupted while waiting for the write lock
     */
    public void sendNow(byte[] item) throws IOException, InterruptedException {
        memory.getAndAdd(COUNT, 1); // counted like a fed item, since take uncounts every item
        boolean sent = false;
        try {
            feeder.writeNow(item);
            sent = true;
        } finally {
            if (!sent) {
                memory.getAndAdd(COUNT, -1);
            }
        }
    }

    /**
     * Removes the oldest message, waiting at most {@code timeoutNanos} (0: not at all; negative:
     * without bound) for the read lock and then for data.
     *
     * @return the payload, or null if nothing arrived in time (nothing is consumed then)
     * @throws InterruptedException if the thread is interrupted while waiting (nothing is consumed)
     * @throws IOException if the pipe fails in the middle of a message
     */
    public byte[] take(long timeoutNanos) throws IOException, InterruptedException {
        long start = System.nanoTime();
        boolean locked = timeoutNanos == 0 ? readLock.tryAcquire(ProcessToken.SELF)
                : readLock.acquire(timeoutNanos, ProcessToken.SELF);
        if (!locked) {
            return null;
        }
        try {
            if (frames != null) {
                return takeWhole(start, timeoutNanos);
            }
            InputStream in = reader.input();
            long left = timeoutNanos < 0 ? -1 : Math.max(0, timeoutNanos - (System.nanoTime() - start));
            Backoff backoff = Backoff.forTimeout(left);
            while (in.available() == 0) {
                if (!backoff.pause() && in.available() == 0) {
                    return null;
                }
            }
            int length = Frames.readHeader(in);
            if (length < 0) {
                throw new IOException("the queue's pipe was closed");
            }
            byte[] payload = Frames.readGrowing(in, length);
            memory.getAndAdd(COUNT, -1);
            return payload;
        } finally {
            readLock.release();
        }
    }

    /** {@link #take} for an endpoint of whole messages; the read lock held. */
    private byte[] takeWhole(long start, long timeoutNanos) throws IOException, InterruptedException {
        long left = timeoutNanos < 0 ? -1 : Math.max(0, timeoutNanos - (System.nanoTime() - start));
        Backoff backoff = Backoff.forTimeout(left);
        try {
            while (!frames.ready()) {
                if (!backoff.pause() && !frames.ready()) {
                    ((PortableEnd) reader).unclaim();
                    return null;
                }
            }
        } catch (InterruptedException e) {
            ((PortableEnd) reader).unclaim();
            throw e;
        }
        frames.begin();
        try {
            int length = frames.nextLength();
            if (length < 0) {
                throw new IOException("the queue's pipe was closed");
            }
            byte[] payload = frames.take(length);
            memory.getAndAdd(COUNT, -1);
            return payload;
        } finally {
            frames.end();
        }
    }

    /**
     * Whether bytes wait in the pipe, without taking the read lock: Python's {@code SimpleQueue.empty}
     * polls so. Unlike {@link #count()}, it is not misled by a writer that died before it wrote.
     */
    public boolean hasData() throws IOException {
        // whole messages cannot be looked at without being asked for: the count stands in
        return frames == null ? reader.input().available() > 0 : count() > 0;
    }

    /** Items put and not yet received, in every process. */
    public int count() {
        return (int) memory.get(COUNT);
    }

    /** Waits until every item this process handed to {@link #send} is in the pipe. */
    public void awaitFlushed() throws InterruptedException {
        feeder.awaitFlushed();
    }

    /** Lets this process exit without writing its buffered items. */
    public void cancelJoin() {
        feeder.cancelJoin();
    }

    /** Closes this process's reading side now and its writing side once the feeder has flushed. */
    public void close() {
        feeder.close();
        try {
            reader.close();
        } catch (IOException ignored) {
            // the descriptor is released even if close reports an error
        }
    }

    /**
     * What travels to a child in place of the pipe of a queue of type {@code kind}, for its
     * {@code writeReplace}; see {@link Transfer}.
     */
    public Reference travel(String kind) throws ObjectStreamException {
        Transfer.checkInheritance(kind);
        try {
            return new Reference(memory, reader.reference(), writer.reference());
        } catch (ObjectStreamException e) {
            throw e;
        } catch (IOException e) {
            throw Transfer.failure("cannot send this queue: " + e.getMessage(), e);
        }
    }

    /** A queue pipe in flight; the receiving process opens its own copies. */
    public record Reference(SharedMemory memory, Endpoint.Reference reader, Endpoint.Reference writer)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Opens this process's copies, for the queue's {@code readResolve}. */
        public QueuePipe reopen() throws ObjectStreamException {
            try {
                Endpoint in = reader.open();
                try {
                    return new QueuePipe(memory, in, writer.open());
                } catch (IOException | RuntimeException e) {
                    in.close();
                    throw e;
                }
            } catch (IOException e) {
                throw Transfer.failure(e.getMessage(), e);
            }
        }
    }
}
