package io.github.mp4j;

import io.github.mp4j.handles.SharedMemory;

/**
 * A {@link Semaphore} whose value may never exceed its initial value: a release beyond it fails.
 * Python's {@code multiprocessing.BoundedSemaphore}.
 *
 * <pre>{@code
 * BoundedSemaphore s = new BoundedSemaphore(1);
 * s.acquire();
 * s.release();
 * s.release();   // IllegalStateException: semaphore or lock released too many times
 * }</pre>
 */
public final class BoundedSemaphore extends Semaphore {

    private static final long serialVersionUID = 1L;

    /** A bounded semaphore with value 1. */
    public BoundedSemaphore() {
        this(1);
    }

    /**
     * A bounded semaphore whose value starts at, and never exceeds, {@code value}.
     *
     * @throws IllegalArgumentException "semaphore initial value must be >= 0"
     */
    public BoundedSemaphore(int value) {
        super(value, true);
    }

    BoundedSemaphore(SharedMemory memory) {
        super(memory);
    }
}
