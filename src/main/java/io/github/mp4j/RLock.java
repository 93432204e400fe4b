package io.github.mp4j;

import io.github.mp4j.handles.Backoff;
import io.github.mp4j.handles.MappedLock;
import io.github.mp4j.handles.ProcessToken;
import io.github.mp4j.handles.SharedMemory;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.WeakHashMap;

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
    /** The bytes an RLock takes at the start of a block (a {@code Value}'s, a {@code Condition}'s). */
    static final int BYTES = 16;
    /** The holds of every RLock mapped in this JVM, by block: one per block, however many instances. */
    private static final Map<SharedMemory, Holds> HOLDS = new WeakHashMap<>();

    /*
     * Layout: WORD is the process token of the holder (a MappedLock), THREAD the id of the holding
     * thread (for toString in other processes). Which thread holds the lock, and how often, is
     * known only in the holding process (Holds), so a nested acquire or release touches no shared
     * memory: only the outermost ones do, as in Python, whose RLock counts in the process too. A takeover from a dead holder writes token|RECOVERING
     * first and the plain token once Holds names the new owner, so that a death in between is
     * recoverable too.
     */
    private final transient PrimitiveMemory shared;
    private final transient SharedMemory memory;
    private final transient MappedLock word;
    private final transient Holds holds;

    /** The owner and count of an RLock in this JVM; written only by the owner (or the thread taking it). */
    private static final class Holds {
        volatile Thread owner;
        long count;
    }

    /** A new, unlocked reentrant lock. */
    public RLock() {
        this(PrimitiveMemory.create(BYTES, "rlock"));
    }

    RLock(SharedMemory memory) {
        this.shared = new PrimitiveMemory(memory, "rlock");
        this.memory = memory;
        this.word = new MappedLock(memory, WORD);
        synchronized (HOLDS) {
            this.holds = HOLDS.computeIfAbsent(memory, block -> new Holds());
        }
    }

    /**
     * {@inheritDoc} When the calling thread already holds the lock, returns true at once with the
     * hold count increased, touching no shared memory.
     */
    @Override
    public boolean acquire(boolean block, Duration timeout) throws InterruptedException {
        return acquire(block ? Backoff.nanos(timeout) : 0);
    }

    private boolean acquire(long timeoutNanos) throws InterruptedException {
        shared.ensureOpen();
        Thread self = Thread.currentThread();
        if (holds.owner == self) {
            holds.count++;
            return true;
        }
        long recovering = ProcessToken.SELF | MappedLock.RECOVERING;
        boolean acquired = timeoutNanos == 0 ? word.tryAcquire(recovering) : word.acquire(timeoutNanos, recovering);
        if (acquired) {
            holds.owner = self;
            holds.count = 1;
            memory.set(THREAD, self.getId());
            if (word.word() != ProcessToken.SELF) {
                word.setWord(ProcessToken.SELF); // taken over from a dead holder: the takeover is complete
            }
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
        if (holds.owner != Thread.currentThread()) {
            throw new IllegalStateException("cannot release un-acquired lock");
        }
        if (--holds.count == 0) {
            holds.owner = null;
            word.setWord(0);
        }
    }

    /** Whether the calling thread holds the lock (Python's {@code _is_owned}). */
    boolean isHeldByCurrentThread() {
        shared.ensureOpen();
        return holds.owner == Thread.currentThread();
    }

    /**
     * Frees the lock whatever the calling thread's hold count, and returns that count for
     * {@link #restoreHolds} (Python's {@code _release_save}); only for the owning thread.
     */
    long releaseAllHolds() {
        shared.ensureOpen();
        long count = holds.count;
        holds.count = 0;
        holds.owner = null;
        word.setWord(0);
        return count;
    }

    /** Sets the hold count of the thread that has just acquired the lock (Python's {@code _acquire_restore}). */
    void restoreHolds(long count) {
        holds.count = count;
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
        // the count is known only in the holding process; Python too shows "nonzero" in another
        String count = holder == ProcessToken.SELF && holds.owner != null ? String.valueOf(holds.count) : "nonzero";
        return "<RLock(" + LockOwner.describe(holder & ~MappedLock.RECOVERING, memory.get(THREAD)) + ", " + count + ")>";
    }

    /* ---------------- travelling into a child ---------------- */

    private Object writeReplace() throws ObjectStreamException {
        return shared.travel(SharedRef.Kind.RLOCK, this);
    }

}
