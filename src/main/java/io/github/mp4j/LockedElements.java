package io.github.mp4j;

import io.github.mp4j.handles.SharedMemory;

import java.io.ObjectStreamException;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The elements of a {@link Value} or {@link Array} and the lock that guards them: each access takes
 * the lock, as Python's synchronized wrappers do. The lock is either an {@link RLock} in the same
 * block of shared memory (its words first, then the elements), which lets a thread that holds it
 * ({@code try (Held h = value.getLock().hold())}) read and write inside, or one the user gave
 * (Python's {@code lock=} argument), which travels beside the block.
 *
 * <p>Accesses wait for the lock without interruption ({@link Uninterruptible}). A holder that dies
 * is taken over as for any {@link RLock} or {@link Lock}, so an access waits at most about 80 ms
 * past its death.
 */
final class LockedElements {

    private final SharedElements elements;
    private final Acquirer lock;
    /** The lock when it lives in the block (closed with it); null for the user's. */
    private final RLock ownLock;

    /** Elements after the words of their own {@link RLock}, which {@code memory} holds at 0. */
    LockedElements(SharedMemory memory, String name) {
        this.ownLock = new RLock(memory);
        this.lock = ownLock;
        this.elements = new SharedElements(memory, SharedElements.AFTER_LOCK, name);
    }

    /** Elements at 0 in {@code memory}, guarded by the user's {@code lock}. */
    LockedElements(SharedMemory memory, Acquirer lock, String name) {
        this.ownLock = null;
        this.lock = Objects.requireNonNull(lock, "lock");
        this.elements = new SharedElements(memory, 0, name);
    }

    /**
     * A new block: see {@link SharedElements#create}; with room for the lock's words first unless
     * the user gives the lock.
     */
    static SharedMemory create(Class<?> javaType, int length, List<?> initial, boolean ownLock, String name) {
        return SharedElements.create(javaType, length, initial, ownLock ? SharedElements.AFTER_LOCK : 0, name);
    }

    SharedElements elements() {
        return elements;
    }

    /**
     * The lock.
     *
     * @throws IllegalStateException "<i>name</i> is closed" after {@link #close()}
     */
    Acquirer lock() {
        elements.ensureOpen();
        return lock;
    }

    Object get(int index) {
        return locked(() -> elements.get(index));
    }

    void set(int index, Object value) {
        locked(() -> {
            elements.set(index, value);
            return null;
        });
    }

    List<Object> toList() {
        return locked(elements::toList);
    }

    private <R> R locked(Supplier<R> access) {
        elements.ensureOpen(); // "value is closed" rather than the lock's "rlock is closed"
        Uninterruptible.acquire(lock);
        try {
            return access.get();
        } finally {
            lock.release();
        }
    }

    /** What the owner's {@code writeReplace} returns: the block as {@code kind}, with the user's lock if any. */
    Object travel(SharedRef.Kind kind, Object owner) throws ObjectStreamException {
        return elements.travel(kind, ownLock == null ? lock : null, owner);
    }

    /** Releases this process's use of the block, its own lock's included; a lock of the user's stays open. */
    void close() {
        if (ownLock != null) {
            ownLock.close();
        }
        elements.close();
    }
}
