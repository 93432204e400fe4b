package io.github.mp4j.handles;

import io.github.mp4j.wire.BadMessageLength;
import io.github.mp4j.wire.FrameOutput;
import io.github.mp4j.wire.Frames;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;

/**
 * The write side of a pipe's FIFO, with large messages carried through shared memory: the FIFO then
 * holds only a small descriptor, so a message is copied twice (into the area and out of it) instead
 * of squeezing through the FIFO's 64 KiB kernel buffer in many system calls.
 *
 * <pre>{@code
 * FrameOutput frames = new SharedPayloads(block, SharedReadAhead.PAYLOADS, fifoOut);
 * frames.write(payload, 0, payload.length);        // one whole message, whatever its size
 * }</pre>
 *
 * <p>Implementation overview. The area lives in the {@link SharedMemory} block of the FIFO's
 * {@link SharedReadAhead} (so every holder of either side maps it already) from {@code base}: a
 * writers' lock word, then a state word and an "allocated" flag per slot, then {@value #SLOTS} slots
 * of {@value #SLOT_BYTES} bytes. Every frame written by any holder of the write side, small or
 * large, goes out under the writers' {@link MappedLock}, so messages from several processes never
 * interleave in the FIFO whatever their size. A message of {@value #MIN_BYTES} bytes up to a slot
 * takes a free slot ({@code FREE -> FILLING}), is copied in, the slot is marked {@code PUBLISHED}
 * and only then is the descriptor ({@link Frames#SHARED_PAYLOAD}, slot, length: one atomic write)
 * sent; its place in the FIFO orders the message among the others. The reader ({@link
 * SharedReadAhead}) consumes the descriptor, marks the slot with its {@link ProcessToken}, copies
 * the payload out and frees the slot. When no slot is free, the message is larger than a slot, or a
 * slot's memory cannot be allocated (a full {@code /dev/shm}), the message goes inline through the
 * FIFO as before: the area itself never makes a send wait, fail or lose a message.
 *
 * <p>Crash safety. A slot {@code FILLING} while a writer holds the lock belongs to a writer that died
 * (the lock was taken over from it, see {@link MappedLock}) and never sent its descriptor, so it is
 * reused; a slot marked by a reader that has died is reused too. A slot can also stay
 * {@code PUBLISHED} with no descriptor on its way: its writer was killed before writing it, or a
 * reader was killed after taking it off the FIFO and before marking the slot. The second is no
 * instant: a reader woken by data that is killed before it runs still takes the data off the FIFO
 * in its read, and dies returning from it, and one read can take every descriptor waiting (all the
 * slots). A writer cannot tell such a slot from one whose descriptor is still in the FIFO, so the
 * reader frees them ({@link #freeOrphans}): when it is about to wait for the FIFO with its buffer
 * empty, holding the read lock, and the FIFO is empty while it holds this lock too, no descriptor
 * of a {@code PUBLISHED} slot exists any more. Until then, later messages use the other slots, or
 * go inline. Slot pages are allocated through the file (not by touching the mapping) before first
 * use, so a full file system is an {@link IOException} and a fallback rather than a SIGBUS.
 */
public final class SharedPayloads implements FrameOutput {

    /**
     * Messages smaller than this go inline: for them the FIFO is as fast and needs no slot
     * (measured one-way: 8 KiB about even, 16 KiB about twice as fast through a slot).
     */
    static final int MIN_BYTES = 16 * 1024;
    static final int SLOTS = 4;
    static final int SLOT_BYTES = 1024 * 1024;
    /** Bytes of a descriptor frame: the marker header, the slot, the length. */
    static final int DESCRIPTOR_BYTES = 3 * Frames.HEADER_BYTES;

    private static final long FREE = 0;
    /** Being filled by the writer that holds the lock; process tokens are larger than these. */
    private static final long FILLING = 1;
    private static final long PUBLISHED = 2;
    private static final int LOCK = 0;
    private static final int DATA = 4096;
    /** Bytes the area occupies from its base. */
    static final int BYTES = DATA + SLOTS * SLOT_BYTES;

    private final SharedMemory memory;
    private final int base;
    private final MappedLock lock;
    private final OutputStream out;
    private final byte[] descriptor = new byte[DESCRIPTOR_BYTES];

    /** The write side {@code out} of a FIFO whose area is in {@code memory} at {@code base}. */
    public SharedPayloads(SharedMemory memory, int base, OutputStream out) {
        this.memory = memory;
        this.base = base;
        this.lock = new MappedLock(memory, base + LOCK);
        this.out = out;
    }

    /** Writes one message, through a slot when it is large and one is free, else inline. */
    @Override
    public void write(byte[] buf, int offset, int size) throws IOException {
        Frames.checkOutgoingSize(size);
        try {
            lock.acquire(-1, ProcessToken.SELF);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to send");
        }
        try {
            int slot = size >= MIN_BYTES && size <= SLOT_BYTES ? claim() : -1;
            if (slot < 0) {
                Frames.write(out, buf, offset, size);
                return;
            }
            memory.write(data(base, slot), buf, offset, size);
            memory.set(state(base, slot), PUBLISHED);
            try {
                Frames.putInt(descriptor, 0, Frames.SHARED_PAYLOAD);
                Frames.putInt(descriptor, 4, slot);
                Frames.putInt(descriptor, 8, size);
                out.write(descriptor);
                out.flush();
            } catch (IOException | RuntimeException e) {
                memory.set(state(base, slot), FREE); // nothing reached the FIFO: no reader will come
                throw e;
            }
        } finally {
            lock.release();
        }
    }

    /**
     * A slot now {@code FILLING} and backed by allocated memory, or -1; with the lock held. Free
     * slots first; only when there is none, slots left by dead processes (a look into /proc each).
     */
    private int claim() {
        for (boolean recover : new boolean[] {false, true}) {
            for (int slot = 0; slot < SLOTS; slot++) {
                long state = memory.get(state(base, slot));
                boolean usable = recover
                        ? state > PUBLISHED && ProcessToken.isDead(state)
                        : state == FREE || state == FILLING;
                if (usable && memory.compareAndSet(state(base, slot), state, FILLING)) {
                    if (allocate(slot)) {
                        return slot;
                    }
                    memory.set(state(base, slot), FREE);
                    return -1;
                }
            }
        }
        return -1;
    }

    private boolean allocate(int slot) {
        int allocated = state(base, slot) + 8;
        if (memory.get(allocated) != 0) {
            return true;
        }
        try {
            memory.allocate(data(base, slot), SLOT_BYTES);
        } catch (IOException e) {
            return false; // no room in /dev/shm: inline, and try again next time
        }
        memory.set(allocated, 1);
        return true;
    }

    /**
     * Reads a descriptor's slot and length, validated, from the 8 bytes after its marker header.
     *
     * @return the slot in the high and the length in the low 32 bits
     * @throws BadMessageLength for a descriptor no writer could have sent
     */
    static long parseDescriptor(byte[] body) throws IOException {
        int slot = Frames.getInt(body, 0);
        int length = Frames.getInt(body, 4);
        if (slot < 0 || slot >= SLOTS || length < 0 || length > SLOT_BYTES) {
            throw new BadMessageLength("descriptor of slot " + slot + ", " + length
                    + " bytes (garbage on the wire?)");
        }
        Frames.checkIncomingLength(length);
        return ((long) slot << 32) | length;
    }

    /**
     * Copies a published payload out and frees its slot; for the reader, whose descriptor for the
     * slot is already consumed.
     */
    static void take(SharedMemory memory, int base, int slot, byte[] buf, int offset, int length) {
        memory.set(state(base, slot), ProcessToken.SELF);
        memory.read(data(base, slot), buf, offset, length);
        memory.set(state(base, slot), FREE);
    }

    /** How many slots are {@code PUBLISHED}: their descriptors not yet taken, or lost with a dead process. */
    static int published(SharedMemory memory, int base) {
        int n = 0;
        for (int slot = 0; slot < SLOTS; slot++) {
            if (memory.get(state(base, slot)) == PUBLISHED) {
                n++;
            }
        }
        return n;
    }

    /**
     * Frees the {@code PUBLISHED} slots whose descriptor no reader will ever take (see the overview);
     * for a reader that holds the read lock and has nothing left in its buffer. Never waits: when a
     * writer holds the writers' lock, it may be between publishing a slot and sending its descriptor,
     * and the slots stay for a later call.
     *
     * @param fifoEmpty whether the FIFO holds no byte
     */
    static void freeOrphans(SharedMemory memory, int base, BooleanSupplier fifoEmpty) {
        if (published(memory, base) == 0 || !fifoEmpty.getAsBoolean()) {
            return;
        }
        MappedLock writers = new MappedLock(memory, base + LOCK);
        if (!writers.tryAcquire(ProcessToken.SELF)) {
            return;
        }
        try {
            // every descriptor sent before this lock was taken is in the FIFO, and none is sent now
            if (fifoEmpty.getAsBoolean()) {
                for (int slot = 0; slot < SLOTS; slot++) {
                    memory.compareAndSet(state(base, slot), PUBLISHED, FREE);
                }
            }
        } finally {
            writers.release();
        }
    }

    /** A slot's state word; its "allocated" flag is the next word. */
    private static int state(int base, int slot) {
        return base + 8 + 16 * slot;
    }

    private static int data(int base, int slot) {
        return base + DATA + slot * SLOT_BYTES;
    }
}
