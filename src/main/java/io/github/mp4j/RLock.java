package io.github.mp4j;

import io.github.mp4j.handles.Backoff;
import io.github.mp4j.handles.MappedLock;
import io.github.mp4j.handles.ProcessToken;
import io.github.mp4j.handles.SharedMemory;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.time.Duration;

/**
 * A reentrant lock shared by processes: the thread that holds it may acquire it again, and it is
 * free once that thread has released it as many times as it acquired it. Python's
 * {@code multiprocessing.RLock}.
 *
 * <pre>{@code
 * RLock lock = new RLock();
 * try (Held outer = lock.hold()) {
 *     try (Held inner = lock.hold()) {   // the same thread: no deadlock
 *         ...
 *     }
 * }                                      // free again for other threads and processes
 * }</pre>
 *
 * <p>The owner is one thread of one process; only the owner may release it ("cannot release
 * un-acquired lock" otherwise). A process that dies holding it is handled as for {@link Lock}: the
 * next waiter takes it over with a hold count of one. Travels into children, and is closed, like
 * {@link Lock}.
 */
public final class RLock implements Acquirer, Serializable, AutoCloseable {

    private static final long serialVersionUID = 1L;
    private static final int WORD = 0;
    private static final int THREAD = 8;
    private static final int COUNT = 16;

    /*
     * Layout: WORD is the process token of the holder (a MappedLock); THREAD and COUNT are written
     * only by the holding thread. Release clears THREAD before WORD, so a thread of the holding
     * process that reads WORD == its own token never sees a stale THREAD equal to its own id. A
     * takeover from a dead holder first writes token|RECOVERING for the same reason.
     */
    private final transient PrimitiveMemory shared;
    private final transient SharedMemory memory;
    private final transient MappedLock word;

    /** A new, unlocked reentrant lock. */
    public RLock() {
        this(PrimitiveMemory.create(24, "rlock"));
    }

    RLock(SharedMemory memory) {
        this.shared = new PrimitiveMemory(memory, "rlock");
        this.memory = memory;
        this.word = new MappedLock(memory, WORD);
    }

    private static long threadId() {
        return Thread.currentThread().getId();
    }

    private boolean ownedByCurrentThread() {
        return word.word() == ProcessToken.SELF && memory.get(THREAD) == threadId();
    }

    /**
     * {@inheritDoc} When the calling thread already holds the lock, returns true at once with the
     * hold count increased.
     */
    @Override
    public boolean acquire(boolean block, Duration timeout) throws InterruptedException {
        return acquire(block ? Backoff.nanos(timeout) : 0);
    }

    private boolean acquire(long timeoutNanos) throws InterruptedException {
        shared.ensureOpen();
        if (ownedByCurrentThread()) {
            memory.set(COUNT, memory.get(COUNT) + 1);
            return true;
        }
        long recovering = ProcessToken.SELF | MappedLock.RECOVERING;
        boolean acquired = timeoutNanos == 0 ? word.tryAcquire(recovering) : word.acquire(timeoutNanos, recovering);
        if (acquired) {
            memory.set(THREAD, threadId());
            memory.set(COUNT, 1);
            word.setWord(ProcessToken.SELF);
        }
        return acquired;
    }

    /**
     * Releases one hold; the lock becomes free when the count reaches zero.
     *
     * @throws IllegalStateException "cannot release un-acquired lock" unless the calling thread holds it
     */
    @Override
    public void release() {
        shared.ensureOpen();
        if (!ownedByCurrentThread()) {
            throw new IllegalStateException("cannot release un-acquired lock");
        }
        long count = memory.get(COUNT) - 1;
        memory.set(COUNT, count);
        if (count == 0) {
            memory.set(THREAD, 0);
            word.setWord(0);
        }
    }

    /** Whether the calling thread holds the lock (Python's {@code _is_owned}). */
    boolean isHeldByCurrentThread() {
        shared.ensureOpen();
        return ownedByCurrentThread();
    }

    /**
     * Frees the lock whatever the calling thread's hold count, and returns that count for
     * {@link #restoreHolds} (Python's {@code _release_save}); only for the owning thread.
     */
    long releaseAllHolds() {
        shared.ensureOpen();
        long count = memory.get(COUNT);
        memory.set(COUNT, 0);
        memory.set(THREAD, 0);
        word.setWord(0);
        return count;
    }

    /** Sets the hold count of the thread that has just acquired the lock (Python's {@code _acquire_restore}). */
    void restoreHolds(long count) {
        memory.set(COUNT, count);
    }

    /**
     * Frees what this lock holds in this process at once, as {@link Lock#close()} does, with the
     * same contract: a hold this process keeps stays held for the others until it ends, and
     * afterwards every method but {@code close()} and {@code toString()} throws
     * {@link IllegalStateException}. Not in Python.
     */
    @Override
    public void close() {
        shared.close();
    }

    /**
     * Whether any thread of any process holds the lock now: a snapshot, which may have changed by
     * the time the caller looks at it. Python's {@code RLock.locked()} (3.14).
     *
     * @throws IllegalStateException if this lock is closed
     */
    public boolean locked() {
        shared.ensureOpen();
        return word.word() != 0;
    }

    /**
     * {@code <RLock(None, 0)>} when free; otherwise the holder, named as by {@link Lock#toString()},
     * and its hold count: {@code <RLock(MainProcess|T1, 2)>}.
     */
    @Override
    public String toString() {
        if (shared.isClosed()) {
            return "<RLock(closed)>";
        }
        long holder = word.word() & ~MappedLock.RECOVERING;
        if (holder == 0) {
            return "<RLock(None, 0)>";
        }
        return "<RLock(" + LockOwner.describe(holder, memory.get(THREAD)) + ", " + memory.get(COUNT) + ")>";
    }

    /* ---------------- travelling into a child ---------------- */

    private Object writeReplace() throws ObjectStreamException {
        return shared.travel(SharedRef.Kind.RLOCK, this);
    }

}
