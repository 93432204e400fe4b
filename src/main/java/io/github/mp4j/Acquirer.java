package io.github.mp4j;

import java.time.Duration;

/**
 * Something a thread acquires and releases: a lock or a semaphore, in shared memory ({@link Lock},
 * {@link RLock}, {@link Semaphore}, {@link BoundedSemaphore}) or in a {@link Manager}
 * ({@link AcquirerProxy}). The overloads of Python's {@code acquire(block=True, timeout=None)} and
 * the {@code with} statement are written here once, over two primitives each implementation gives:
 * {@link #acquire(boolean, Duration)} and {@link #release()}. The role of Python's {@code SemLock}
 * base class and of {@link java.util.concurrent.locks.Lock}.
 *
 * <pre>{@code
 * Acquirer guard = new Lock();                        // or new Semaphore(2), manager.lock(), ...
 * try (Held held = guard.hold()) {                    // Python: with guard:
 *     update();
 * }
 * if (guard.acquire(false)) {                         // Python: guard.acquire(False)
 *     try { update(); } finally { guard.release(); }
 * }
 * if (guard.acquire(Duration.ofSeconds(1))) {         // Python: guard.acquire(timeout=1)
 *     try { update(); } finally { guard.release(); }
 * }
 * }</pre>
 *
 * <p>What a successful acquire takes (the lock, a hold of a reentrant lock, one permit), who may
 * release it and what happens when its holder dies are each implementation's: see its class.
 * Waiting is interruptible everywhere; an interrupted wait throws {@link InterruptedException} and
 * takes nothing.
 */
public interface Acquirer {

    /**
     * Python's {@code acquire(block, timeout)}: with {@code block} false, acquires only if that
     * needs no waiting and returns at once (the timeout is ignored, as in Python); with
     * {@code block} true, waits at most {@code timeout} (null: without bound; zero or negative: not
     * at all, as Python treats negative timeouts).
     *
     * @return whether this call acquired
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    boolean acquire(boolean block, Duration timeout) throws InterruptedException;

    /**
     * Releases what one acquire took.
     *
     * @throws IllegalStateException when there is nothing this caller may release; the message is
     *         Python's for the implementation (see its class)
     */
    void release();

    /**
     * Acquires, waiting as long as it takes. Python's {@code acquire()}.
     *
     * @return true
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    default boolean acquire() throws InterruptedException {
        return acquire(true, null);
    }

    /**
     * With {@code block} true, {@link #acquire()}; otherwise acquires only if that needs no waiting
     * and returns at once. Python's {@code acquire(block)}.
     *
     * @return whether this call acquired
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    default boolean acquire(boolean block) throws InterruptedException {
        return acquire(block, null);
    }

    /**
     * Acquires, waiting at most {@code timeout} (null: without bound; zero or negative: not at all).
     * Python's {@code acquire(timeout=...)}.
     *
     * @return false if the timeout passed first
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    default boolean acquire(Duration timeout) throws InterruptedException {
        return acquire(true, timeout);
    }

    /**
     * Acquires like {@link #acquire()} and returns a handle whose {@code close()} releases once: the
     * try-with-resources form of Python's {@code with}.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    default Held hold() throws InterruptedException {
        acquire();
        return new ReleaseOnce(this::release);
    }
}
