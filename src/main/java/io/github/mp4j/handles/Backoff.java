package io.github.mp4j.handles;

import java.util.concurrent.locks.LockSupport;

/**
 * How a thread waits for a word in {@link SharedMemory} to change. A mapped word cannot put a thread
 * to sleep in the kernel (there is no futex in Java), so a waiter spins briefly for the common
 * short hold, then yields its CPU, then parks for doubling intervals: about a millisecond after a
 * millisecond of waiting, at most {@value #MAX_PARK_MILLIS} ms after some 20 ms. A long wait thus
 * costs about a hundred wake-ups a second (a hundred processes waiting at 1 ms intervals kept two
 * CPUs busy), at the price of noticing the change up to that much later.
 */
public final class Backoff {

    private static final int SPINS = 100;
    private static final int YIELDS = 50;
    private static final long MAX_PARK_MILLIS = 10;
    private static final long MAX_PARK_NANOS = MAX_PARK_MILLIS * 1_000_000;

    private final long deadline;
    private final boolean bounded;
    private int rounds;
    private long parkNanos = 10_000;

    /** A backoff that gives up at {@code deadline} ({@link System#nanoTime()}), or never when unbounded. */
    private Backoff(long deadline, boolean bounded) {
        this.deadline = deadline;
        this.bounded = bounded;
    }

    /**
     * A timeout in nanoseconds for the methods here: negative durations count as zero (as in
     * Python's locks), durations beyond some 292 years as unbounded, and null (Python's
     * {@code timeout=None}) as unbounded.
     */
    public static long nanos(java.time.Duration timeout) {
        if (timeout == null) {
            return -1;
        }
        if (timeout.isNegative()) {
            return 0;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return -1;
        }
    }

    /** A backoff for a wait of at most {@code timeoutNanos}; negative means without bound. */
    public static Backoff forTimeout(long timeoutNanos) {
        return timeoutNanos < 0 ? new Backoff(0, false) : new Backoff(System.nanoTime() + timeoutNanos, true);
    }

    /**
     * Waits a little.
     *
     * @return false when the deadline has passed (the caller should try once more, then give up)
     * @throws InterruptedException if the thread is interrupted (its flag is cleared)
     */
    public boolean pause() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long remaining = bounded ? deadline - System.nanoTime() : Long.MAX_VALUE;
        if (remaining <= 0) {
            return false;
        }
        rounds++;
        if (rounds <= SPINS) {
            Thread.onSpinWait();
        } else if (rounds <= SPINS + YIELDS) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(Math.min(parkNanos, remaining));
            parkNanos = Math.min(parkNanos * 2, MAX_PARK_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        return true;
    }

    /** Whether the waiter has reached the parking stage, where slower checks are affordable. */
    public boolean isParking() {
        return rounds > SPINS + YIELDS;
    }

    /** Rounds waited so far. */
    public int rounds() {
        return rounds;
    }
}
