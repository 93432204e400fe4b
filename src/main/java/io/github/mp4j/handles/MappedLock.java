package io.github.mp4j.handles;

import java.util.function.BooleanSupplier;

/**
 * A lock word in {@link SharedMemory}: 0 when free, otherwise the {@link ProcessToken} of the
 * process that holds it. Acquiring is one compare-and-set; waiting follows {@link Backoff}.
 *
 * <p>Woken waiters. Waiters spin, yield, then park for doubling intervals as {@link Backoff} says.
 * On a lock made with a {@link LockWaiters} table (the public {@code Lock} and {@code RLock}, and
 * so {@code Value}, {@code Array} and {@code Condition}) a parking waiter is registered in the
 * table, and a release wakes one registered waiter at once (see {@link LockWaiters} for why no
 * wake is lost, and for how often a release wakes). A release that finds nobody registered costs
 * one read more. Without the table (the internal locks of pipes and queues, held for
 * microseconds) or when it is full, waiters notice a release only when their park ends.
 *
 * <p>Dead holders. A waiter that has reached the parking stage checks every
 * {@value #CHECK_MILLIS} ms whether the recorded holder still exists; if it has ended (exited, been killed, or its pid now
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
    /** The time between two checks of the holder's liveness. */
    private static final long CHECK_MILLIS = 80;
    private static final long CHECK_NANOS = CHECK_MILLIS * 1_000_000;
    /** A hold shorter than this, begun with sleepers registered, wakes none at its release. */
    private static final long SHORT_HOLD_NANOS = 1_000_000;

    /** Takes the lock with no bookkeeping of the caller's around it. */
    private static final Attempts DIRECT = BooleanSupplier::getAsBoolean;

    private final SharedMemory memory;
    private final int offset;
    /** The sleepers' table, or null when waiters poll. */
    private final LockWaiters waiters;
    /**
     * When this process last took the lock while a waiter was registered ({@link System#nanoTime}),
     * or 0 if none was: a release wakes a sleeper only after a long hold (see {@link #wakeOne}).
     * Racy on purpose: a hint, written without ordering by whichever thread takes the lock here.
     */
    private long takenWithSleepers;

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

    /** The lock word at {@code offset} in {@code memory}, whose waiters poll. */
    public MappedLock(SharedMemory memory, int offset) {
        this(memory, offset, null);
    }

    /**
     * The lock word at {@code offset} in {@code memory}, whose waiters sleep until woken, registered
     * in {@code waiters} (null: they poll).
     */
    public MappedLock(SharedMemory memory, int offset, LockWaiters waiters) {
        this.memory = memory;
        this.offset = offset;
        this.waiters = waiters;
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
        long checked = System.nanoTime() - CHECK_NANOS;
        while (true) {
            if (memory.get(offset) == 0 && attempts.attempt(this::take)) {
                return true;
            }
            if (backoff.isParking() && System.nanoTime() - checked >= CHECK_NANOS) {
                checked = System.nanoTime();
                if (attempts.attempt(() -> tryRecover(recoveryToken))) {
                    return true;
                }
                attempts.stillWaiting();
            }
            boolean waitMore = waiters != null && backoff.isParkingLong() ? sleep(backoff) : backoff.pause();
            if (!waitMore) {
                return tryAcquire(recoveryToken, attempts);
            }
        }
    }

    /**
     * Parks as {@link Backoff#pause} does, registered in {@link #waiters} so that a release can cut
     * the park short; does not park if the lock is free by the time the thread is registered.
     *
     * @return false when the deadline has passed
     * @throws InterruptedException if interrupted (a wake it received meanwhile is passed on)
     */
    private boolean sleep(Backoff backoff) throws InterruptedException {
        LockWaiters.Registration registration = waiters.register();
        if (registration == null) {
            return backoff.pause();
        }
        boolean woken = false;
        try {
            return memory.get(offset) == 0 || backoff.pause(); // read after registering: see LockWaiters
        } catch (InterruptedException e) {
            woken = waiters.withdraw(registration);
            registration = null;
            if (woken && memory.get(offset) == 0) {
                wakeOne(); // the wake this thread will not use
            }
            throw e;
        } finally {
            if (registration != null) {
                waiters.withdraw(registration);
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
        if (!memory.compareAndSet(offset, 0, ProcessToken.SELF)) {
            return false;
        }
        if (waiters != null) {
            takenWithSleepers = waiters.anyone() ? System.nanoTime() : 0;
        }
        return true;
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
                wakeOne();
                return;
            }
        }
    }

    /**
     * Frees the lock that the caller is known to hold (its owner checked it): one store, then a
     * wake for a sleeper if any is registered.
     */
    public void releaseOwned() {
        memory.set(offset, 0);
        wakeOne();
    }

    /**
     * Wakes a sleeper, if any, unless this process held the lock only briefly with sleepers
     * registered all along: with short holds the sleepers' parks end soon enough, and a wake
     * at each release hands the lock from process to process. Measured with four processes
     * on a loaded two-CPU machine, waking at every release cut the updates per second several
     * times over (bench/RESULTS.md). A long hold, or one that a waiter came to wait for, wakes.
     */
    private void wakeOne() {
        if (waiters != null && waiters.anyone()) {
            long taken = takenWithSleepers;
            if (taken == 0 || System.nanoTime() - taken >= SHORT_HOLD_NANOS) {
                waiters.wakeOne();
            }
        }
    }
}
