package io.github.mp4j.handles;

/**
 * The threads asleep on a {@link MappedLock}, in {@link SharedMemory}: a table that a releaser reads
 * to wake one of them through its {@link Waker}. What lets a lock waiter sleep in the kernel rather
 * than poll.
 *
 * <p>Implementation overview. From {@code base}: the number of registered sleepers, the number of
 * slots ever used (so scans stop there), the {@link ProcessToken} of a sleeper woken but not yet
 * running (0 if none), then {@value #SLOTS} slots of two words, the sleeper's
 * {@link ProcessToken} and its {@link Waker#address}, 0 when the slot is free. Whoever frees a slot
 * by a compare-and-set of its address (the sleeper withdrawing, or a releaser taking it to wake it)
 * counts it out, so each registration is counted out exactly once.
 * <ul>
 * <li>No lost wake-up. A sleeper registers, then reads the lock word again before it sleeps; a
 *     releaser clears the word, then reads the count. All four accesses are volatile, so at least
 *     one of the two sees the other: the sleeper finds the lock free, or the releaser finds the
 *     sleeper. A release that finds the count zero makes no system call.
 * <li>One wake per release, to any registered sleeper (no order is promised, as in Python). The
 *     woken thread may find the lock taken again by a faster thread; it registers and sleeps again.
 *     A sleeper that gives up (timeout, interrupt) after a releaser took its slot passes the wake
 *     on ({@link #wakeOne}) if the lock is free, so the wake is not lost with it.
 * <li>Sleeps are bounded by the caller (see {@link MappedLock}), so a wake lost anyway (a sleeper
 *     killed after its slot was taken; a table full, when the extra waiters poll) costs a late
 *     wake-up, never a hang. A dead sleeper's slot is freed by the next release, which then wakes
 *     another.
 * </ul>
 */
public final class LockWaiters {

    /** How many threads, of all processes, may sleep at once; more waiters poll. */
    public static final int SLOTS = 64;
    /** The bytes the table takes. */
    public static final int BYTES = 24 + SLOTS * 16;
    /**
     * How far from the lock word a table should begin: two cache lines (a line and the one the CPU
     * fetches with it), so that waiters registering do not slow the holder's accesses to the word.
     */
    public static final int APART = 128;
    private static final int COUNT = 0;
    private static final int USED = 8;
    private static final int WAKING = 16;
    private static final int FIRST = 24;
    private static final int TOKEN = 0;
    private static final int ADDRESS = 8;

    private final SharedMemory memory;
    private final int base;

    /** The table at {@code base} in {@code memory} ({@link #BYTES} bytes, zero when new). */
    public LockWaiters(SharedMemory memory, int base) {
        this.memory = memory;
        this.base = base;
    }

    /** One sleeper's registration: its slot, the address it wrote there and its {@link Waker} id. */
    public record Registration(int slot, long address, int id) {
    }

    /**
     * Registers the calling thread as a sleeper, to be woken by the next release; null when it
     * cannot sleep (the table is full, or this process cannot be woken), and must poll instead.
     * Read the lock word after this, before sleeping.
     */
    public Registration register() {
        int id = Waker.enter();
        if (id == 0) {
            return null;
        }
        long address = Waker.address(id);
        for (int i = 0; i < SLOTS; i++) {
            int at = slot(i);
            if (memory.get(at + ADDRESS) == 0) {
                memory.set(at + TOKEN, ProcessToken.SELF); // before the address, which publishes it
                if (memory.compareAndSet(at + ADDRESS, 0, address)) {
                    long used;
                    while ((used = memory.get(base + USED)) <= i && !memory.compareAndSet(base + USED, used, i + 1)) {
                        Thread.onSpinWait();
                    }
                    memory.getAndAdd(base + COUNT, 1);
                    return new Registration(i, address, id);
                }
            }
        }
        Waker.leave(id);
        return null;
    }

    /**
     * Withdraws a registration after the sleep.
     *
     * @return true if a releaser had taken it to wake this thread (whether or not the wake arrived yet)
     */
    public boolean withdraw(Registration registration) {
        Waker.leave(registration.id());
        if (memory.compareAndSet(slot(registration.slot()) + ADDRESS, registration.address(), 0)) {
            memory.getAndAdd(base + COUNT, -1);
            return false;
        }
        memory.set(base + WAKING, 0); // this thread's wake has arrived: the next release may wake another
        return true;
    }

    /** Whether any thread is registered: a plain read, what a release costs when nobody sleeps. */
    public boolean anyone() {
        return memory.get(base + COUNT) > 0;
    }

    /** How many threads are registered now. */
    public int count() {
        return (int) memory.get(base + COUNT);
    }

    /**
     * Wakes one registered live sleeper, freeing dead sleepers' slots on the way; none if nobody
     * sleeps, or if a sleeper woken earlier has not run yet (it will try the lock when it does).
     */
    public void wakeOne() {
        if (!memory.compareAndSet(base + WAKING, 0, ProcessToken.SELF)) {
            return;
        }
        for (int i = 0, used = (int) memory.get(base + USED); i < used && anyone(); i++) {
            int at = slot(i);
            long address = memory.get(at + ADDRESS);
            if (address == 0) {
                continue;
            }
            long token = memory.get(at + TOKEN);
            if (memory.compareAndSet(at + ADDRESS, address, 0)) {
                memory.getAndAdd(base + COUNT, -1);
                memory.set(base + WAKING, token);
                if (Waker.wake(token, address)) {
                    return;
                }
                memory.set(base + WAKING, ProcessToken.SELF);
            }
        }
        memory.set(base + WAKING, 0);
    }

    /**
     * Forgets a wake whose sleeper's process ended before the wake arrived (or whose releaser ended
     * half-way), so that releases wake sleepers again; for waiters, at their liveness checks.
     */
    public void forgetDeadWake() {
        long waking = memory.get(base + WAKING);
        if (waking != 0 && ProcessToken.isDead(waking)) {
            memory.compareAndSet(base + WAKING, waking, 0);
        }
    }

    private int slot(int index) {
        return base + FIRST + index * 16;
    }
}
