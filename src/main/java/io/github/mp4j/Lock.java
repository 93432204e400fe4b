package io.github.mp4j;

import io.github.mp4j.handles.Backoff;
import io.github.mp4j.handles.MappedLock;
import io.github.mp4j.handles.ProcessToken;
import io.github.mp4j.handles.SharedMemory;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * A mutual-exclusion lock shared by processes: while one thread of one process holds it, every
 * other acquirer, in any process, waits. Python's {@code multiprocessing.Lock}.
 *
 * <pre>{@code
 * Lock lock = new Lock();
 * Process p = new Process(() -> {
 *     try (Held held = lock.hold()) {        // Python: with lock:
 *         System.out.println("only one process prints at a time");
 *     }
 * });
 * p.start();
 * if (lock.acquire(Duration.ofSeconds(1))) {
 *     try { System.out.println("main"); } finally { lock.release(); }
 * }
 * p.join();
 * }</pre>
 *
 * <p>The {@code acquire} overloads and {@code hold()} are {@link Acquirer}'s. Like Python's, the
 * lock is not reentrant (a second {@code acquire} by the holder waits for
 * itself) and is not owned by a thread: any thread or process may release it. It travels into
 * child processes by being captured in a {@link Process} task; any other serialization (for example
 * {@code conn.send(lock)}) fails with {@link java.io.NotSerializableException}. {@link #close()}
 * frees its shared memory in this process at once; a lock never closed is freed by the garbage
 * collector once unreachable.
 *
 * <p>A process that dies holding the lock. The lock records the holder's process (pid and start
 * time). A waiter, about every 80 ms once it has waited a few milliseconds, and a non-blocking
 * {@code acquire(false)}, at once, check whether the holder still exists; if it has ended, even by SIGKILL, the waiter takes the
 * lock over and its {@code acquire} returns true. Whatever the lock protected may have been left
 * half-updated by the dead holder. (Python's lock stays held forever in this case.) A thread that
 * dies holding the lock in a live process leaves it held, as in Python.
 *
 * <p>The lock is one 64-bit word in shared memory changed by compare-and-set, so an uncontended
 * acquire and release costs a few tens of nanoseconds; waiters spin, yield, then park for
 * doubling intervals of up to 10 ms, so a long-waiting acquirer may notice a release 10 ms late. Creating a lock throws {@link UncheckedIOException} if its shared memory
 * cannot be created.
 */
public final class Lock implements Acquirer, Serializable, AutoCloseable {

    private static final long serialVersionUID = 1L;

    /** After the lock word: the id of the thread that took the lock, only for {@link #toString()}. */
    private static final int HOLDER_THREAD = 8;

    private final transient PrimitiveMemory shared;
    private final transient SharedMemory memory;
    private final transient MappedLock word;

    /** A new, unlocked lock. */
    public Lock() {
        this(PrimitiveMemory.create(16, "lock"));
    }

    Lock(SharedMemory memory) {
        this.shared = new PrimitiveMemory(memory, "lock");
        this.memory = memory;
        this.word = new MappedLock(memory, 0);
    }

    /**
     * {@inheritDoc} Without blocking, takes the lock only if it is free or its holder has died; a
     * blocking wait also ends when a dead holder is detected, and this call then takes the lock over.
     */
    @Override
    public boolean acquire(boolean block, Duration timeout) throws InterruptedException {
        MappedLock word = word();
        boolean acquired = block ? word.acquire(Backoff.nanos(timeout), ProcessToken.SELF)
                : word.tryAcquire(ProcessToken.SELF);
        if (acquired) {
            memory.set(HOLDER_THREAD, Thread.currentThread().getId());
        }
        return acquired;
    }

    /**
     * Releases the lock, whichever thread or process acquired it.
     *
     * @throws IllegalStateException "semaphore or lock released too many times" if it is not held
     */
    @Override
    public void release() {
        MappedLock word = word();
        if ((word.word() & ~MappedLock.RECOVERING) != 0) {
            memory.set(HOLDER_THREAD, 0);
        }
        word.release();
    }

    /**
     * Whether any thread of any process holds the lock now: a snapshot, which may have changed by
     * the time the caller looks at it. Python's {@code Lock.locked()} (3.14).
     *
     * @throws IllegalStateException if this lock is closed
     */
    public boolean locked() {
        return word().word() != 0;
    }

    /**
     * Frees what this lock holds in this process, at once: the descriptor of its shared memory and,
     * from Java 22 on, its mapping (before, the mapping goes with the garbage collector, as
     * everything does for a lock that is never closed). Copies in other processes are not
     * affected. Close a lock once no thread here uses it: one it holds stays held for the other
     * processes until this process ends. Afterwards every method but {@code close()} and
     * {@code toString()} throws {@link IllegalStateException}; closing twice is harmless. Not in
     * Python, whose locks are freed by reference counting.
     */
    @Override
    public void close() {
        shared.close();
    }

    /** Whether this process holds the lock (Python's {@code _is_owned}: a Lock has no owning thread). */
    boolean isHeldByThisProcess() {
        return (word().word() & ~MappedLock.RECOVERING) == ProcessToken.SELF;
    }

    private MappedLock word() {
        shared.ensureOpen();
        return word;
    }

    /**
     * {@code <Lock(owner=None)>} when free; otherwise names the holder as Python's does, by its
     * process ({@code MainProcess}, a child's name, or {@code pid N} for a process this one did not
     * start) and, unless it is that process's main thread, its thread: {@code <Lock(owner=MainProcess|T1)>}.
     * Where Python can only say {@code SomeOtherThread} or {@code SomeOtherProcess}, this names them.
     */
    @Override
    public String toString() {
        if (shared.isClosed()) {
            return "<Lock(closed)>";
        }
        long holder = word.word() & ~MappedLock.RECOVERING;
        String owner = holder == 0 ? "None" : LockOwner.describe(holder, memory.get(HOLDER_THREAD));
        return "<Lock(owner=" + owner + ")>";
    }

    /* ---------------- travelling into a child ---------------- */

    private Object writeReplace() throws ObjectStreamException {
        return shared.travel(SharedRef.Kind.LOCK, this);
    }

}
