package io.github.mp4j;

import io.github.mp4j.handles.Backoff;
import io.github.mp4j.handles.SharedMemory;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.time.Duration;

/**
 * A flag shared by processes that threads can wait for. Python's {@code multiprocessing.Event};
 * Python's {@code wait} is spelled {@code await} because {@code Object.wait} is final.
 *
 * <pre>{@code
 * Event ready = new Event();
 * Process p = new Process(() -> { load(); ready.set(); });
 * p.start();
 * if (!ready.await(Duration.ofSeconds(10))) throw new IllegalStateException("not ready");
 * }</pre>
 *
 * <p>Waiters poll the flag in shared memory (spinning, then parking for growing intervals), so
 * they see {@link #set()} within about a millisecond after a short wait and within 10 ms after a
 * long one. Travels into children, and is closed, like {@link Lock}.
 */
public final class Event implements Serializable, AutoCloseable {

    private static final long serialVersionUID = 1L;

    private final transient PrimitiveMemory shared;

    /** A new event whose flag is clear. */
    public Event() {
        this(PrimitiveMemory.create(8, "event"));
    }

    Event(SharedMemory memory) {
        this.shared = new PrimitiveMemory(memory, "event");
    }

    /** Whether the flag is set. */
    public boolean isSet() {
        return shared.memory().get(0) != 0;
    }

    /** Sets the flag; every thread waiting for it, in any process, proceeds. */
    public void set() {
        shared.memory().set(0, 1);
    }

    /** Clears the flag; later {@code await} calls wait until the next {@link #set()}. */
    public void clear() {
        shared.memory().set(0, 0);
    }

    /**
     * Waits as long as it takes for the flag to be set.
     *
     * @return true
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public boolean await() throws InterruptedException {
        return await(-1);
    }

    /**
     * Waits at most {@code timeout} (negative counts as zero) for the flag to be set.
     *
     * @return the flag when the wait ends: false means the timeout passed first
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public boolean await(Duration timeout) throws InterruptedException {
        return await(Backoff.nanos(timeout));
    }

    private boolean await(long timeoutNanos) throws InterruptedException {
        SharedMemory memory = shared.memory();
        Backoff backoff = Backoff.forTimeout(timeoutNanos);
        while (memory.get(0) == 0) {
            if (!backoff.pause()) {
                return memory.get(0) != 0;
            }
        }
        return true;
    }

    /**
     * Frees what this event holds in this process at once, as {@link Lock#close()} does, with the
     * same contract: afterwards every method but {@code close()} and {@code toString()} throws
     * {@link IllegalStateException}. Not in Python.
     */
    @Override
    public void close() {
        shared.close();
    }

    @Override
    public String toString() {
        if (shared.isClosed()) {
            return "<Event(closed)>";
        }
        return "<Event(" + (isSet() ? "set" : "unset") + ")>";
    }

    private Object writeReplace() throws ObjectStreamException {
        return shared.travel(SharedRef.Kind.EVENT, this);
    }

}
