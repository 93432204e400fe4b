package io.github.mp4j;

import io.github.mp4j.handles.SharedMemory;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.UncheckedIOException;

/**
 * The shared memory of one {@link Lock}, {@link RLock}, {@link Semaphore}, {@link Event},
 * {@link Condition} or {@link Barrier} object (or of a value's elements) in this process, and
 * whether its {@code close()} has freed it: the part of their contract that they share. Each object counts itself as a user of the block ({@link SharedMemory#retain}), so
 * closing it frees the block here at once unless another object here still uses it (the same
 * primitive received twice by a child maps one block).
 *
 * <p>Once closed, {@link #memory()} and {@link #ensureOpen()} throw {@link IllegalStateException}
 * "<i>name</i> is closed" and {@link #travel} throws {@link InvalidObjectException}; the check is a
 * single volatile read, cheap enough for an uncontended acquire.
 */
final class PrimitiveMemory {

    private final SharedMemory memory;
    /** The primitive's name in messages: "lock", "semaphore"... */
    private final String name;
    /** Set once, under this object's monitor, by {@link #close()}. */
    private volatile boolean closed;

    /** Takes one user's share of {@code memory} for a primitive called {@code name} in messages. */
    PrimitiveMemory(SharedMemory memory, String name) {
        this.memory = memory;
        this.name = name;
        memory.retain();
    }

    /**
     * A new block of {@code bytes} bytes for a primitive.
     *
     * @throws UncheckedIOException if the shared memory cannot be created
     */
    static SharedMemory create(int bytes, String name) {
        try {
            return SharedMemory.create(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create shared memory for a " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The block.
     *
     * @throws IllegalStateException "<i>name</i> is closed" after {@link #close()}
     */
    SharedMemory memory() {
        ensureOpen();
        return memory;
    }

    /**
     * Returns while the primitive is open.
     *
     * @throws IllegalStateException "<i>name</i> is closed" after {@link #close()}
     */
    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Releases this user's share of the block on the first call; later calls do nothing. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        memory.release();
    }

    /**
     * What a primitive's {@code writeReplace} returns: the block as {@code kind}.
     *
     * @throws InvalidObjectException "<i>name</i> is closed" after {@link #close()}
     * @throws java.io.NotSerializableException outside a Process task
     */
    Object travel(SharedRef.Kind kind, Object primitive) throws ObjectStreamException {
        return travel(kind, 0, null, primitive);
    }

    /**
     * As {@link #travel(SharedRef.Kind, Object)}, for a primitive whose part of the block begins at
     * {@code base}, or that travels with a {@code companion} (its lock, a barrier's action; null if
     * none), which must be serializable.
     */
    Object travel(SharedRef.Kind kind, int base, Object companion, Object primitive) throws ObjectStreamException {
        if (closed) {
            throw new InvalidObjectException(name + " is closed");
        }
        return SharedRef.of(kind, memory, base, companion, primitive);
    }
}
