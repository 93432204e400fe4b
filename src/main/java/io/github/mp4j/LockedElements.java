package io.github.mp4j;

import io.github.mp4j.handles.SharedMemory;

import java.util.List;
import java.util.function.Supplier;

/**
 * The elements of a {@link Value} or {@link Array} and the {@link RLock} that guards them, both in
 * one block of shared memory (the lock's words first, then the elements): each access takes the
 * lock, as Python's synchronized wrappers do. Being reentrant, the lock lets a thread that holds it
 * ({@code try (Held h = value.getLock().hold())}) read and write inside.
 *
 * <p>Accesses wait for the lock without interruption, as a field access or
 * {@link java.util.concurrent.locks.ReentrantLock#lock()} does; an interrupt that arrives meanwhile
 * is kept, and the thread's interrupt flag set again once the access is done. A holder that dies is
 * taken over as for any {@link RLock}, so an access waits at most about 80 ms past its death.
 */
final class LockedElements {

    private final SharedElements elements;
    private final RLock lock;

    LockedElements(SharedMemory memory, String name) {
        this.lock = new RLock(memory);
        this.elements = new SharedElements(memory, SharedElements.AFTER_LOCK, name);
    }

    /** A new block: see {@link SharedElements#create}. */
    static SharedMemory create(Class<?> javaType, int length, List<?> initial, String name) {
        return SharedElements.create(javaType, length, initial, SharedElements.AFTER_LOCK, name);
    }

    SharedElements elements() {
        return elements;
    }

    /**
     * The lock.
     *
     * @throws IllegalStateException "<i>name</i> is closed" after {@link #close()}
     */
    RLock lock() {
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
        boolean interrupted = false;
        while (true) {
            try {
                lock.acquire();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            return access.get();
        } finally {
            lock.release();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Releases this process's use of the block, the lock's included. */
    void close() {
        lock.close();
        elements.close();
    }
}
