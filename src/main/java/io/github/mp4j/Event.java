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
 * long one. Travels into children like {@link Lock}.
 */
public final class Event implements Serializable {

    private static final long serialVersionUID = 1L;

    private final SharedMemory memory;

    /** A new event whose flag is clear. */
    public Event() {
        this(Lock.newMemory(8));
    }

    Event(SharedMemory memory) {
        this.memory = memory;
    }

    /** Whether the flag is set. */
    public boolean isSet() {
        return memory.get(0) != 0;
    }

    /** Sets the flag; every thread waiting for it, in any process, proceeds. */
    public void set() {
        memory.set(0, 1);
    }

    /** Clears the flag; later {@code await} calls wait until the next {@link #set()}. */
    public void clear() {
        memory.set(0, 0);
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
        Backoff backoff = Backoff.forTimeout(timeoutNanos);
        while (!isSet()) {
            if (!backoff.pause()) {
                return isSet();
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "<Event(" + (isSet() ? "set" : "unset") + ")>";
    }

    private Object writeReplace() throws ObjectStreamException {
        return SharedRef.of(SharedRef.Kind.EVENT, memory, this);
    }

}
