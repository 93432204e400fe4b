package io.github.mp4j;

import io.github.mp4j.handles.Backoff;
import io.github.mp4j.handles.SharedMemory;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.time.Duration;

/**
 * A counter shared by processes: {@code acquire} waits until the value is positive and decrements
 * it, {@code release} increments it. Python's {@code multiprocessing.Semaphore}.
 *
 * <pre>{@code
 * Semaphore slots = new Semaphore(2);          // at most two processes inside at once
 * Task work = () -> {
 *     try (Held slot = slots.hold()) {
 *         download();
 *     }
 * };
 * }</pre>
 *
 * <p>Any thread or process may release, and a plain semaphore may be released beyond its initial
 * value; {@link BoundedSemaphore} refuses that. Nothing is recovered when a process dies holding a
 * permit: the permit is lost, as in Python. Travels into children, and is closed, like {@link Lock}.
 */
public class Semaphore implements Acquirer, Serializable, AutoCloseable {

    private static final long serialVersionUID = 1L;
    private static final int VALUE = 0;
    /** The bound of a BoundedSemaphore; 0 for a plain one. */
    private static final int BOUND = 8;

    private final transient PrimitiveMemory shared;

    /** A semaphore with value 1. */
    public Semaphore() {
        this(1);
    }

    /**
     * A semaphore with the given initial value.
     *
     * @throws IllegalArgumentException "semaphore initial value must be >= 0"
     */
    public Semaphore(int value) {
        this(value, false);
    }

    Semaphore(int value, boolean bounded) {
        if (value < 0) {
            throw new IllegalArgumentException("semaphore initial value must be >= 0");
        }
        SharedMemory memory = PrimitiveMemory.create(16, "semaphore");
        memory.set(VALUE, value);
        // a bound of 0 would mean "unbounded": store value+1 so BoundedSemaphore(0) stays bounded
        memory.set(BOUND, bounded ? value + 1L : 0);
        this.shared = new PrimitiveMemory(memory, "semaphore");
    }

    Semaphore(SharedMemory memory) {
        this.shared = new PrimitiveMemory(memory, "semaphore");
    }

    /** {@inheritDoc} Acquiring decrements the value, once it is positive. */
    @Override
    public boolean acquire(boolean block, Duration timeout) throws InterruptedException {
        return acquire(block ? Backoff.nanos(timeout) : 0);
    }

    private boolean acquire(long timeoutNanos) throws InterruptedException {
        SharedMemory memory = shared.memory();
        Backoff backoff = Backoff.forTimeout(timeoutNanos);
        while (true) {
            long value = memory.get(VALUE);
            if (value > 0) {
                if (memory.compareAndSet(VALUE, value, value - 1)) {
                    return true;
                }
            } else if (!backoff.pause()) {
                return false;
            }
        }
    }

    /**
     * Increments the value, letting one waiter proceed.
     *
     * @throws IllegalStateException "semaphore or lock released too many times" for a
     *         {@link BoundedSemaphore} already at its initial value
     */
    @Override
    public void release() {
        SharedMemory memory = shared.memory();
        long bound = memory.get(BOUND);
        while (true) {
            long value = memory.get(VALUE);
            if (bound != 0 && value + 1 >= bound) {
                throw new IllegalStateException("semaphore or lock released too many times");
            }
            if (memory.compareAndSet(VALUE, value, value + 1)) {
                return;
            }
        }
    }

    /** The current value (Python's {@code get_value()}); other processes may change it at any moment. */
    public int getValue() {
        return (int) shared.memory().get(VALUE);
    }

    /**
     * Frees what this semaphore holds in this process at once, as {@link Lock#close()} does, with
     * the same contract: permits this process took stay taken for the others, and afterwards every
     * method but {@code close()} and {@code toString()} throws {@link IllegalStateException}. Not in
     * Python.
     */
    @Override
    public void close() {
        shared.close();
    }

    @Override
    public String toString() {
        if (shared.isClosed()) {
            return "<" + getClass().getSimpleName() + "(closed)>";
        }
        long bound = shared.memory().get(BOUND);
        return "<" + getClass().getSimpleName() + "(value=" + getValue()
                + (bound != 0 ? ", maxvalue=" + (bound - 1) : "") + ")>";
    }

    /* ---------------- travelling into a child ---------------- */

    final Object writeReplace() throws ObjectStreamException {
        return shared.travel(this instanceof BoundedSemaphore ? SharedRef.Kind.BOUNDED_SEMAPHORE : SharedRef.Kind.SEMAPHORE,
                this);
    }

}
