package io.github.mp4j.handles;

import java.util.function.BooleanSupplier;

/**
 * A lock word in {@link SharedMemory}: 0 when free, otherwise the {@link ProcessToken} of the
 * process that holds it. Acquiring is one compare-and-set; waiting follows {@link Backoff}.
 *
 * <p>Dead holders. A waiter that has reached the parking stage checks every {@value #CHECK_EVERY}
 * parks (some 80 ms once parks are long)
 * whether the recorded holder still exists; if it has ended (exited, been killed, or its pid now
 * belongs to another process) the waiter swaps the dead token for its own and so acquires the
 * lock. A non-blocking acquire checks at once. Threads within one process are not told apart: a
 * thread that dies holding the lock leaves it held, as in Python.
 */
public final class MappedLock {

    /**
     * Marks a word taken over from a dead holder whose owner details (see {@code RLock}) are not
     * written yet; the pid bits still name the new holder, so its own death is recoverable too.
     */
    public static final long RECOVERING = 1L << 63;
    /** Parking rounds between two checks of the holder's liveness. */
    private static final int CHECK_EVERY = 8;

    /** Takes the lock with no bookkeeping of the caller's around it. */
    private static final Attempts DIRECT = BooleanSupplier::getAsBoolean;

    private final SharedMemory memory;
    private final int offset;

    /**
     * Runs every attempt to change the word to taken (a plain take or a takeover from a dead holder),
     * so that a caller can record who took it atomically with the change, e.g. under its own monitor.
     */
    @FunctionalInterface
    public interface Attempts {
        /** Runs {@code take} and returns its result. */
        boolean attempt(BooleanSupplier take);

        /**
         * Called while waiting, as often as the holder's liveness is checked: a chance to give up
         * by throwing, e.g. when whatever the lock belongs to is gone.
         */
        default void stillWaiting() {
        }
    }

    public MappedLock(SharedMemory memory, int offset) {
        this.memory = memory;
        this.offset = offset;
    }

    /** The raw word: 0 when free. */
    public long word() {
        return memory.get(offset);
    }

    /** Publishes {@code value} as the word; only for its holder. */
    public void setWord(long value) {
        memory.set(offset, value);
    }

    /**
     * Takes the lock if it is free or its holder has died, without waiting.
     *
     * @param recoveryToken the word to write when taking over from a dead holder
     */
    public boolean tryAcquire(long recoveryToken) {
        return tryAcquire(recoveryToken, DIRECT);
    }

    /** {@link #tryAcquire(long)} with every attempt run through {@code attempts}. */
    public boolean tryAcquire(long recoveryToken, Attempts attempts) {
        return attempts.attempt(this::take) || attempts.attempt(() -> tryRecover(recoveryToken));
    }

    /**
     * Takes the lock, waiting at most {@code timeoutNanos} (negative: without bound).
     *
     * @param recoveryToken the word to write when taking over from a dead holder
     * @return false if the timeout passed first
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public boolean acquire(long timeoutNanos, long recoveryToken) throws InterruptedException {
        return acquire(timeoutNanos, recoveryToken, DIRECT);
    }

    /** {@link #acquire(long, long)} with every attempt run through {@code attempts}. */
    public boolean acquire(long timeoutNanos, long recoveryToken, Attempts attempts) throws InterruptedException {
        if (attempts.attempt(this::take)) {
            return true;
        }
        Backoff backoff = Backoff.forTimeout(timeoutNanos);
        int parks = 0;
        while (true) {
            if (memory.get(offset) == 0 && attempts.attempt(this::take)) {
                return true;
            }
            if (backoff.isParking() && parks++ % CHECK_EVERY == 0) {
                if (attempts.attempt(() -> tryRecover(recoveryToken))) {
                    return true;
                }
                attempts.stillWaiting();
            }
            if (!backoff.pause()) {
                return tryAcquire(recoveryToken, attempts);
            }
        }
    }

    /**
     * Takes the lock, waiting as long as it takes; an interrupt meanwhile does not stop the wait
     * and is kept (the thread's flag is set again once the lock is taken). For short internal
     * critical sections that a caller may not abandon half-way.
     */
    public void acquireUninterruptibly(long recoveryToken) {
        boolean interrupted = false;
        while (true) {
            try {
                acquire(-1, recoveryToken);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean take() {
        return memory.compareAndSet(offset, 0, ProcessToken.SELF);
    }

    private boolean tryRecover(long recoveryToken) {
        long holder = memory.get(offset);
        return holder != 0 && ProcessToken.isDead(holder & ~RECOVERING)
                && memory.compareAndSet(offset, holder, recoveryToken);
    }

    /**
     * Frees the lock whoever holds it (Python's Lock may be released by any thread or process).
     *
     * @throws IllegalStateException "semaphore or lock released too many times" if it is free
     */
    public void release() {
        while (true) {
            long holder = memory.get(offset);
            if (holder == 0) {
                throw new IllegalStateException("semaphore or lock released too many times");
            }
            if (memory.compareAndSet(offset, holder, 0)) {
                return;
            }
        }
    }
}
