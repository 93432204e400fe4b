package io.github.mp4j.handles;

import io.github.mp4j.wire.FrameInput;
import io.github.mp4j.wire.Frames;
import io.github.mp4j.wire.TruncatedMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * The read side of a pipe end, read ahead into a buffer that every holder of the end shares, so
 * that one system call brings in many small messages without taking them away from the other
 * holders: whichever holder receives next gets the next message, as with a bare OS pipe.
 *
 * <p>Implementation overview. The buffer is a ring in {@link SharedMemory} with a
 * {@link MappedLock}, the absolute counts of bytes consumed ({@code HEAD}) and brought in
 * ({@code TAIL}), and a flag set once the FIFO has reported end-of-file, which is final since no
 * process can reopen a write side that nobody holds. A receive takes the lock, tops the ring up with
 * one large read of the FIFO when the next message is not complete in it, and consumes the message;
 * a message too big for the ring takes what the ring holds and reads the rest straight from the
 * FIFO, still under the lock. The lock is held while blocked in that read, so the other holders wait
 * for the lock exactly as OS readers wait for data; a holder's bounded poll does not wait for the
 * lock but watches the counters and the FIFO's byte count. Crash safety: bytes are written into the
 * ring before {@code TAIL} publishes them, and {@code HEAD} moves past a message before it is copied
 * out, so a holder killed with SIGKILL at any point never makes another holder see a message twice
 * or half-written data; its lock is taken over by the next waiter (see {@link MappedLock}). Like a
 * bare OS pipe's reader, a holder killed between taking bytes off the FIFO and publishing them loses
 * those bytes.
 *
 * <p>The block also holds the FIFO's {@link SharedPayloads} area from {@link #PAYLOADS}: a large
 * message arrives as a descriptor frame, which a receive consumes like any frame before copying the
 * payload out of the slot it names, still under the lock. Before a read of the FIFO with nothing
 * buffered, a receive frees the slots whose descriptors a killed holder took with it.
 */
public final class SharedReadAhead implements FrameInput {

    /** Ring size: twice what a FIFO holds, so a refill never waits for the ring to drain. */
    static final int CAPACITY = 128 * 1024;
    /** The most a FIFO hands over in one read (Linux's fixed pipe buffer). */
    private static final int CHUNK = 64 * 1024;
    /** Messages larger than this skip the ring for the part that has not arrived yet. */
    private static final int DIRECT_ABOVE = 16 * 1024;
    private static final int LOCK = 0;
    private static final int HEAD = 8;
    private static final int TAIL = 16;
    private static final int ENDED = 24;
    private static final int DATA = 64;
    /** Where the block's {@link SharedPayloads} area starts: after the ring, page-aligned. */
    public static final int PAYLOADS = (DATA + CAPACITY + 4095) & ~4095;

    private final SharedMemory memory;
    private final MappedLock lock;
    private final InputStream in;
    private final byte[] header = new byte[Frames.HEADER_BYTES];
    private final byte[] descriptor = new byte[SharedPayloads.DESCRIPTOR_BYTES - Frames.HEADER_BYTES];
    /** The slot holding the message that nextLength announced, or -1 when it is inline. */
    private int slot = -1;
    /** Scratch for one read of the FIFO; only used with the lock held. */
    private byte[] chunk;

    /** Attaches this process's copy {@code in} of a FIFO's read side to the end's shared buffer. */
    public SharedReadAhead(SharedMemory buffer, InputStream in) {
        this.memory = buffer;
        this.lock = new MappedLock(buffer, LOCK);
        this.in = in;
    }

    /** A new, empty shared buffer for one FIFO. */
    public static SharedMemory createBuffer() throws IOException {
        return SharedMemory.create(PAYLOADS + SharedPayloads.BYTES);
    }

    @Override
    public void begin() throws IOException {
        try {
            lock.acquire(-1, ProcessToken.SELF);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to receive");
        }
    }

    @Override
    public void end() {
        lock.release();
    }

    @Override
    public int nextLength() throws IOException {
        long head = memory.get(HEAD);
        slot = -1;
        if (!fill(head, Frames.HEADER_BYTES)) {
            return -1;
        }
        copyOut(head, header, 0, Frames.HEADER_BYTES);
        if (Frames.getInt(header, 0) != Frames.SHARED_PAYLOAD) {
            return Frames.parseHeader(header);
        }
        if (!fill(head, SharedPayloads.DESCRIPTOR_BYTES)) {
            throw new TruncatedMessage();
        }
        copyOut(head + Frames.HEADER_BYTES, descriptor, 0, descriptor.length);
        long parsed = SharedPayloads.parseDescriptor(descriptor);
        slot = (int) (parsed >>> 32);
        return (int) parsed;
    }

    /**
     * Refills until {@code bytes} from {@code head} are in the ring.
     *
     * @return false at a clean end of file (nothing at {@code head})
     * @throws TruncatedMessage when the FIFO ended inside them
     */
    private boolean fill(long head, int bytes) throws IOException {
        while (memory.get(TAIL) - head < bytes) {
            if (!refill(head)) {
                long tail = memory.get(TAIL);
                if (tail == head) {
                    return false;
                }
                memory.set(HEAD, tail); // a writer died inside a frame: drop the fragment
                throw new TruncatedMessage();
            }
        }
        return true;
    }

    @Override
    public void take(byte[] buf, int offset, int length) throws IOException {
        if (slot >= 0) {
            takeSlot(buf, offset, length);
            return;
        }
        int inRing = ringPart(length);
        consumeFromRing(inRing, buf, offset);
        if (inRing < length) {
            Frames.readPayload(in, buf, offset + inRing, length - inRing);
        }
    }

    @Override
    public byte[] take(int length) throws IOException {
        if (slot >= 0) {
            byte[] payload = new byte[length]; // the whole payload is in the slot already
            takeSlot(payload, 0, length);
            return payload;
        }
        int inRing = ringPart(length);
        byte[] start = new byte[Math.min(length, Math.max(inRing, Frames.FIRST_STEP))];
        consumeFromRing(inRing, start, 0);
        return Frames.readGrowing(in, start, inRing, length);
    }

    private void takeSlot(byte[] buf, int offset, int length) {
        memory.set(HEAD, memory.get(HEAD) + SharedPayloads.DESCRIPTOR_BYTES); // consumed first, see the overview
        SharedPayloads.take(memory, PAYLOADS, slot, buf, offset, length);
        slot = -1;
    }

    /**
     * How many of the inline message's {@code length} bytes the ring holds, after waiting for the
     * whole message when it is small.
     */
    private int ringPart(int length) throws IOException {
        long head = memory.get(HEAD);
        long total = Frames.HEADER_BYTES + (long) length;
        if (total <= DIRECT_ABOVE && !fill(head, (int) total)) {
            throw new TruncatedMessage();
        }
        return (int) (Math.min(memory.get(TAIL) - head, total) - Frames.HEADER_BYTES);
    }

    /** Consumes the inline message's header and its {@code inRing} bytes in the ring, into {@code buf}. */
    private void consumeFromRing(int inRing, byte[] buf, int offset) {
        long head = memory.get(HEAD);
        memory.set(HEAD, head + Frames.HEADER_BYTES + inRing); // consumed before it is copied out, see the overview
        copyOut(head + Frames.HEADER_BYTES, buf, offset, inRing);
    }

    @Override
    public boolean ready() throws IOException {
        return memory.get(TAIL) != memory.get(HEAD) || memory.get(ENDED) != 0 || in.available() > 0;
    }

    @Override
    public void awaitData() {
        try {
            begin();
            try {
                long head = memory.get(HEAD);
                if (memory.get(TAIL) == head) {
                    refill(head);
                }
            } finally {
                end();
            }
        } catch (IOException e) {
            // the FIFO was closed under the read: the next receive meets the same error itself
        }
    }

    /**
     * One read of the FIFO into the ring, with the lock held and less than a message in the ring.
     *
     * @return false at end-of-file, now or reported before by any holder
     */
    private boolean refill(long head) throws IOException {
        if (memory.get(ENDED) != 0) {
            return false;
        }
        long tail = memory.get(TAIL);
        if (tail == head) {
            // about to wait with nothing buffered: the moment to free slots whose descriptors died
            SharedPayloads.freeOrphans(memory, PAYLOADS, this::fifoEmpty);
        }
        if (chunk == null) {
            chunk = new byte[CHUNK];
        }
        int n = in.read(chunk, 0, (int) Math.min(CHUNK, CAPACITY - (tail - head)));
        if (n < 0) {
            memory.set(ENDED, 1);
            return false;
        }
        int at = (int) (tail % CAPACITY);
        int first = Math.min(n, CAPACITY - at);
        memory.write(DATA + at, chunk, 0, first);
        memory.write(DATA, chunk, first, n - first);
        memory.set(TAIL, tail + n);
        return true;
    }

    /** Whether the FIFO holds no byte; false when that cannot be told. */
    private boolean fifoEmpty() {
        try {
            return in.available() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private void copyOut(long from, byte[] dst, int offset, int length) {
        int at = (int) (from % CAPACITY);
        int first = Math.min(length, CAPACITY - at);
        memory.read(DATA + at, dst, offset, first);
        memory.read(DATA, dst, offset + first, length - first);
    }
}
