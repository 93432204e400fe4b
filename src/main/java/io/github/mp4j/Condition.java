package io.github.mp4j;

import io.github.mp4j.handles.Backoff;
import io.github.mp4j.handles.SharedMemory;
import io.github.mp4j.handles.WaiterSlots;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A condition variable shared by processes: a thread that holds its lock waits, releasing the
 * lock, until a thread of any process signals it. Python's {@code multiprocessing.Condition};
 * {@code wait}, {@code wait_for}, {@code notify} and {@code notify_all} are {@code await},
 * {@code awaitFor}, {@code signal} and {@code signalAll} here, because {@code Object.wait} and
 * {@code Object.notify} are final.
 *
 * <pre>{@code
 * Condition ready = new Condition();                       // Python: Condition() (its own RLock)
 * RawValue<Integer> jobs = new RawValue<>(int.class);
 * Process consumer = new Process(() -> {
 *     try (Held held = ready.hold()) {                      // Python: with ready:
 *         if (!ready.awaitFor(() -> jobs.get() > 0, Duration.ofSeconds(10))) {
 *             throw new IllegalStateException("no job");
 *         }
 *         jobs.set(jobs.get() - 1);
 *     }
 * });
 * consumer.start();
 * try (Held held = ready.hold()) {
 *     jobs.set(jobs.get() + 1);
 *     ready.signal();                                       // Python: ready.notify()
 * }
 * consumer.join();
 * }</pre>
 *
 * <p>The lock is a {@link Lock} or an {@link RLock} given to the constructor, or a new
 * {@code RLock} (Python's default); {@link #acquire}, {@link #release} and {@link #hold()} are the
 * lock's. {@code await}, {@code awaitFor} and {@code signal} require the calling thread to hold
 * it, else they throw {@link IllegalStateException} (Python's {@code RuntimeError}); for a plain
 * {@code Lock}, which no thread owns, "hold" means that this process holds it. Waiting releases the
 * lock completely (every hold of an {@code RLock}) and takes it back, with the same count, before
 * returning, even when the wait ends by timeout or interrupt, as in Python and
 * {@link java.util.concurrent.locks.Condition}. Signals wake the longest-waiting threads first.
 *
 * <p>Processes that die. A process that dies holding the lock frees it for the others, as for
 * {@link Lock}. A process killed while waiting does not take a signal meant for a live waiter: a
 * signal skips waiters whose process has ended, and if one dies after it was signalled, before it
 * held the lock again, the live waiters pass its signal on within about 80 ms. (Python's
 * {@code notify} then waits for ever for the dead waiter to wake.)
 *
 * <p>Waiters poll shared memory as {@link Event}'s do, so a long wait notices a signal up to 10 ms
 * late; at most 1024 threads, of all processes, may wait at once. The condition travels into
 * children by being captured in a {@link Process} task, its lock with it, like a {@link Lock}, and
 * is closed like one.
 */
public final class Condition implements Acquirer, Serializable, AutoCloseable {

    private static final long serialVersionUID = 1L;
    /** Where the waiter table begins: after the words of an RLock of the condition's own. */
    private static final int WAITERS = RLock.BYTES;

    private final transient PrimitiveMemory shared;
    private final transient WaiterSlots waiters;
    /** A {@link Lock} or an {@link RLock}. */
    private final transient Acquirer lock;
    /** The lock when it lives in this condition's block (closed with it); null for the user's. */
    private final transient RLock ownLock;

    /** A condition with a new reentrant lock of its own. Python's {@code Condition()}. */
    public Condition() {
        this(newBlock(), null);
    }

    /** A condition over {@code lock}. Python's {@code Condition(lock)}. */
    public Condition(Lock lock) {
        this(newBlock(), Objects.requireNonNull(lock, "lock"));
    }

    /** A condition over {@code lock}. Python's {@code Condition(rlock)}. */
    public Condition(RLock lock) {
        this(newBlock(), Objects.requireNonNull(lock, "lock"));
    }

    /** The condition in {@code memory}, over {@code lock}, or over the RLock in the block when null. */
    Condition(SharedMemory memory, Acquirer lock) {
        this.shared = new PrimitiveMemory(memory, "condition");
        this.waiters = new WaiterSlots(memory, WAITERS);
        this.ownLock = lock == null ? new RLock(memory) : null;
        this.lock = lock == null ? ownLock : lock;
    }

    private static SharedMemory newBlock() {
        return PrimitiveMemory.create(WAITERS + WaiterSlots.BYTES, "condition");
    }

    /** {@inheritDoc} Acquires the condition's lock; see {@link Lock} or {@link RLock}. */
    @Override
    public boolean acquire(boolean block, Duration timeout) throws InterruptedException {
        shared.ensureOpen();
        return lock.acquire(block, timeout);
    }

    /** {@inheritDoc} Releases the condition's lock; see {@link Lock} or {@link RLock}. */
    @Override
    public void release() {
        shared.ensureOpen();
        lock.release();
    }

    /**
     * Releases the lock, waits until signalled, and takes the lock back. Python's {@code wait()}.
     *
     * @throws IllegalStateException "cannot wait on un-acquired lock" unless the caller holds the lock
     * @throws InterruptedException if interrupted before a signal came; the lock is held again
     */
    public void await() throws InterruptedException {
        await(-1);
    }

    /**
     * Releases the lock, waits until signalled or until {@code timeout} (null: without bound;
     * negative: as zero) has passed, and takes the lock back. Python's {@code wait(timeout)}.
     *
     * @return false if the timeout passed first
     * @throws IllegalStateException "cannot wait on un-acquired lock" unless the caller holds the lock
     * @throws InterruptedException if interrupted before a signal came; the lock is held again
     */
    public boolean await(Duration timeout) throws InterruptedException {
        return await(Backoff.nanos(timeout));
    }

    private boolean await(long timeoutNanos) throws InterruptedException {
        checkHeld("cannot wait on un-acquired lock");
        WaiterSlots.Ticket ticket = waiters.register();
        long holds = lock instanceof RLock rlock ? rlock.releaseAllHolds() : releaseOnce();
        boolean signalled = false;
        try {
            signalled = waiters.await(ticket, timeoutNanos);
        } finally {
            Uninterruptible.acquire(lock);
            if (lock instanceof RLock rlock) {
                rlock.restoreHolds(holds);
            }
            if (signalled) {
                waiters.leave(ticket);
            }
        }
        return signalled;
    }

    private long releaseOnce() {
        lock.release();
        return 1;
    }

    /**
     * Waits until {@code predicate} is true, evaluating it with the lock held: at once, then after
     * each signal, until {@code timeout} (null: without bound) has passed in all. Python's
     * {@code wait_for(predicate, timeout)}.
     *
     * @return the predicate's last value: false means the timeout passed first
     * @throws IllegalStateException "cannot wait on un-acquired lock" unless the caller holds the lock
     * @throws InterruptedException if interrupted while waiting; the lock is held again
     */
    public boolean awaitFor(BooleanSupplier predicate, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(predicate, "predicate");
        checkHeld("cannot wait on un-acquired lock");
        long nanos = Backoff.nanos(timeout);
        long deadline = System.nanoTime() + nanos;
        boolean result = predicate.getAsBoolean();
        while (!result) {
            long remaining = nanos < 0 ? -1 : deadline - System.nanoTime();
            if (nanos >= 0 && remaining <= 0) {
                break;
            }
            await(remaining);
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /**
     * Wakes the longest-waiting thread, if any. Python's {@code notify()}.
     *
     * @throws IllegalStateException "cannot notify on un-acquired lock" unless the caller holds the lock
     */
    public void signal() {
        signal(1);
    }

    /**
     * Wakes up to {@code n} waiting threads, the longest waiting first. Python's {@code notify(n)}.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     * @throws IllegalStateException "cannot notify on un-acquired lock" unless the caller holds the lock
     */
    public void signal(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        checkHeld("cannot notify on un-acquired lock");
        waiters.signal(n);
    }

    /**
     * Wakes every waiting thread. Python's {@code notify_all()}.
     *
     * @throws IllegalStateException "cannot notify on un-acquired lock" unless the caller holds the lock
     */
    public void signalAll() {
        checkHeld("cannot notify on un-acquired lock");
        waiters.signalAll();
    }

    private void checkHeld(String message) {
        shared.ensureOpen();
        boolean held = lock instanceof RLock rlock ? rlock.isHeldByCurrentThread() : ((Lock) lock).isHeldByThisProcess();
        if (!held) {
            throw new IllegalStateException(message);
        }
    }

    /**
     * Frees what this condition holds in this process at once, as {@link Lock#close()} does, with
     * the same contract; its own lock is closed with it, a lock given to the constructor is not.
     * Not in Python.
     */
    @Override
    public void close() {
        if (ownLock != null) {
            ownLock.close();
        }
        shared.close();
    }

    /** {@code <Condition(<RLock(None, 0)>, 0)>}: the lock and how many threads wait, as Python's. */
    @Override
    public String toString() {
        if (shared.isClosed()) {
            return "<Condition(closed)>";
        }
        return "<Condition(" + lock + ", " + waiters.waiting() + ")>";
    }

    /* ---------------- travelling into a child ---------------- */

    private Object writeReplace() throws ObjectStreamException {
        return shared.travel(SharedRef.Kind.CONDITION, 0, ownLock == null ? lock : null, this);
    }
}
