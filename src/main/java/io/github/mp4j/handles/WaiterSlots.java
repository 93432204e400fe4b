package io.github.mp4j.handles;

/**
 * The threads waiting on a process-level condition variable, in {@link SharedMemory}: a table of
 * slots, one per waiting thread, that a signal marks. The machinery under {@code Condition}.
 *
 * <p>Implementation overview. From {@code base}: a sequence counter, the number of slots ever used
 * (so scans stop there), then {@value #CAPACITY} slots of two words, the waiter's
 * {@link ProcessToken} and its state: {@code seq << 2 | WAITING} or {@code seq << 2 | SIGNALLED},
 * or 0 when free. The sequence number orders waiters (a signal wakes the longest waiting first,
 * as Python's {@code threading.Condition} does) and keeps a compare-and-set from mistaking a slot
 * reused by a new waiter for the old one.
 * <ul>
 * <li>{@link #register} and {@link #signal} run with the condition's lock held, so they never
 *     race with each other; a waiter's withdrawal (timeout, interrupt) and the passing on of a dead
 *     waiter's signal do not hold it, so every change of a state word is a compare-and-set.
 * <li>A waiter polls its own slot ({@link Backoff}) and frees it only once it holds the lock
 *     again ({@link #leave}): until then a signal it received can still be passed on.
 * <li>Dead waiters. A signal skips (and frees) the slots of waiters whose process has ended, so a
 *     process killed while waiting does not take a signal meant for a live one. A waiter killed
 *     after it was signalled but before it held the lock again leaves its slot signalled; waiting
 *     threads look for such slots every {@value #CHECK_EVERY} parks (some 80 ms) and pass each one's
 *     signal on to the longest-waiting live waiter.
 * </ul>
 */
public final class WaiterSlots {

    /** How many threads, of all processes, may wait at once. */
    public static final int CAPACITY = 1024;
    /** The bytes the table takes. */
    public static final int BYTES = 16 + CAPACITY * 16;

    private static final int SEQUENCE = 0;
    private static final int USED = 8;
    private static final int FIRST = 16;
    private static final int TOKEN = 0;
    private static final int STATE = 8;
    private static final long FREE = 0;
    private static final long WAITING = 1;
    private static final long SIGNALLED = 2;
    private static final long KIND = 3;
    /** Parking rounds between two looks for signals that dead waiters hold. */
    private static final int CHECK_EVERY = 8;

    private final SharedMemory memory;
    private final int base;

    /** The table at {@code base} in {@code memory} ({@link #BYTES} bytes, zero when new). */
    public WaiterSlots(SharedMemory memory, int base) {
        this.memory = memory;
        this.base = base;
    }

    /** One waiter's registration: its slot and the state word it wrote there. */
    public record Ticket(int slot, long waiting) {
    }

    /**
     * Registers the calling thread as a waiter; call with the condition's lock held, before
     * releasing it, so that no signal given after the release can miss it.
     *
     * @throws IllegalStateException if {@value #CAPACITY} threads wait already
     */
    public Ticket register() {
        long waiting = (memory.getAndAdd(base + SEQUENCE, 1) + 1) << 2 | WAITING;
        for (int i = 0; i < CAPACITY; i++) {
            int at = slot(i);
            if (memory.get(at + STATE) == FREE) {
                memory.set(at + TOKEN, ProcessToken.SELF); // before the state, which publishes it
                if (memory.compareAndSet(at + STATE, FREE, waiting)) {
                    long used;
                    while ((used = memory.get(base + USED)) <= i && !memory.compareAndSet(base + USED, used, i + 1)) {
                        Thread.onSpinWait();
                    }
                    return new Ticket(i, waiting);
                }
            }
        }
        throw new IllegalStateException("more than " + CAPACITY + " threads wait on this condition");
    }

    /**
     * Waits until {@code ticket} is signalled, at most {@code timeoutNanos} (negative: without
     * bound), without the lock. A waiter that gives up (timeout, interrupt) withdraws its slot; if a
     * signal won that race, the wait counts as signalled and the slot stays for {@link #leave}.
     *
     * @return whether it was signalled; if not, the slot is free already
     * @throws InterruptedException if interrupted before a signal came; the slot is free then
     */
    public boolean await(Ticket ticket, long timeoutNanos) throws InterruptedException {
        int state = slot(ticket.slot()) + STATE;
        Backoff backoff = Backoff.forTimeout(timeoutNanos);
        int parks = 0;
        try {
            while (memory.get(state) == ticket.waiting()) {
                if (backoff.isParking() && parks++ % CHECK_EVERY == 0) {
                    passOnSignalsOfTheDead();
                }
                if (!backoff.pause()) {
                    return !memory.compareAndSet(state, ticket.waiting(), FREE);
                }
            }
            return true;
        } catch (InterruptedException e) {
            if (memory.compareAndSet(state, ticket.waiting(), FREE)) {
                throw e;
            }
            Thread.currentThread().interrupt(); // signalled first: the signal is kept, and the interrupt
            return true;
        }
    }

    /** Frees a signalled waiter's slot once it holds the lock again. */
    public void leave(Ticket ticket) {
        int state = slot(ticket.slot()) + STATE;
        memory.compareAndSet(state, ticket.waiting() & ~KIND | SIGNALLED, FREE);
    }

    /**
     * Wakes up to {@code n} live waiters, the longest waiting first; call with the lock held.
     *
     * @return how many it woke
     */
    public int signal(int n) {
        int woken = 0;
        while (woken < n && signalOldest()) {
            woken++;
        }
        return woken;
    }

    /** Wakes every live waiter; call with the lock held. */
    public void signalAll() {
        signal(Integer.MAX_VALUE);
    }

    /** How many threads wait now (signalled ones still finishing their wait included). */
    public int waiting() {
        int count = 0;
        for (int i = 0, used = used(); i < used; i++) {
            count += memory.get(slot(i) + STATE) != FREE ? 1 : 0;
        }
        return count;
    }

    /** Signals the longest-waiting live waiter, freeing dead waiters' slots on the way; false if none. */
    private boolean signalOldest() {
        while (true) {
            int oldest = -1;
            long oldestState = 0;
            for (int i = 0, used = used(); i < used; i++) {
                long state = memory.get(slot(i) + STATE);
                if ((state & KIND) == WAITING && (oldest < 0 || state < oldestState)) {
                    oldest = i;
                    oldestState = state;
                }
            }
            if (oldest < 0) {
                return false;
            }
            int at = slot(oldest);
            if (ProcessToken.isDead(memory.get(at + TOKEN))) {
                memory.compareAndSet(at + STATE, oldestState, FREE);
            } else if (memory.compareAndSet(at + STATE, oldestState, oldestState & ~KIND | SIGNALLED)) {
                return true;
            } // else it withdrew meanwhile: look again
        }
    }

    /** Frees each slot whose waiter died signalled, and gives its signal to the oldest live waiter. */
    private void passOnSignalsOfTheDead() {
        for (int i = 0, used = used(); i < used; i++) {
            int at = slot(i);
            long state = memory.get(at + STATE);
            if ((state & KIND) == SIGNALLED && ProcessToken.isDead(memory.get(at + TOKEN))
                    && memory.compareAndSet(at + STATE, state, FREE)) {
                signalOldest();
            }
        }
    }

    private int used() {
        return (int) memory.get(base + USED);
    }

    private int slot(int index) {
        return base + FIRST + index * 16;
    }
}
