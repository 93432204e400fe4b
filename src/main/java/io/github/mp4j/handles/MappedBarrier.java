package io.github.mp4j.handles;

import java.util.concurrent.BrokenBarrierException;

/**
 * A barrier in {@link SharedMemory}: the machinery under {@code Barrier}, which runs the action and
 * turns outcomes into exceptions.
 *
 * <p>Implementation overview. Words: a {@link MappedLock} that guards every change but a waiter
 * freeing its own finished slot, the number of parties, the generation, the arrivals of the current
 * generation, the broken flag, the number of slots ever used, the table's capacity and the default
 * timeout; then the
 * slots, two words each: the arriving party's {@link ProcessToken} and its state,
 * {@code generation << 3 | kind}, 0 when free. A party that arrives takes a slot ({@code WAITING},
 * or {@code ACTION} for the last of a generation when there is an action) and, unless it is the
 * last, polls it ({@link Backoff}) until it turns {@code PASSED} or {@code BROKEN}; it then frees
 * the slot. The last arrival starts the next generation at once, so arrivals for it need not wait
 * for the action, and passes the previous one's waiters when the action is done.
 * <ul>
 * <li>Breaking (an abort, a timeout, an interrupt, a failed action, a dead party) sets the flag and
 *     turns every waiting slot, of any generation, {@code BROKEN}; {@link #reset} does the same
 *     without the flag, and starts a new generation.
 * <li>Dead parties. A waiter, every {@value #CHECK_EVERY} parks (some 80 ms), checks whether the
 *     party in the nearest occupied slot below its own (wrapping round) is alive: every waiting
 *     slot is somebody's neighbour, so a dead party in an unfinished generation is found by a
 *     live waiter, which breaks the barrier. The slots of parties that died after passing are
 *     reclaimed when the table is full.
 * <li>The table holds {@code 2 * parties + 8} slots: a generation's parties, and room for those of
 *     the one before that have not yet seen that they passed. An arrival that finds it full waits
 *     for one of them.
 * </ul>
 */
public final class MappedBarrier {

    /** The largest number of parties. */
    public static final int MAX_PARTIES = 1_000_000;

    private static final int LOCK = 0;
    private static final int PARTIES = 8;
    private static final int GENERATION = 16;
    private static final int COUNT = 24;
    private static final int BROKEN = 32;
    private static final int USED = 40;
    private static final int CAPACITY = 48;
    private static final int TIMEOUT = 56;
    private static final int FIRST = 64;
    private static final int TOKEN = 0;
    private static final int STATE = 8;

    private static final long FREE = 0;
    private static final long WAITING = 1;
    private static final long ACTION = 2;
    private static final long PASSED = 3;
    private static final long BROKEN_SLOT = 4;
    private static final long KIND = 7;
    /** Parking rounds between two checks of the neighbour's liveness. */
    private static final int CHECK_EVERY = 8;

    private final SharedMemory memory;
    private final MappedLock lock;
    private final int parties;

    /** The barrier in {@code memory}, made by {@link #bytes} and {@link #initialize}. */
    public MappedBarrier(SharedMemory memory) {
        this.memory = memory;
        this.lock = new MappedLock(memory, LOCK);
        this.parties = (int) memory.get(PARTIES);
    }

    /**
     * The bytes a barrier for {@code parties} takes.
     *
     * @throws IllegalArgumentException unless {@code 1 <= parties <= }{@value #MAX_PARTIES}
     */
    public static int bytes(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be at least 1");
        }
        if (parties > MAX_PARTIES) {
            throw new IllegalArgumentException("parties must be at most " + MAX_PARTIES + ": " + parties);
        }
        return FIRST + capacity(parties) * 16;
    }

    /**
     * Writes the words of a new barrier for {@code parties} into zeroed {@code memory}, with the
     * default timeout of its waits (negative: without bound).
     */
    public static void initialize(SharedMemory memory, int parties, long timeoutNanos) {
        memory.set(PARTIES, parties);
        memory.set(CAPACITY, capacity(parties));
        memory.set(TIMEOUT, timeoutNanos);
    }

    private static int capacity(int parties) {
        return 2 * parties + 8;
    }

    /** One party's arrival: its slot (-1 if it needs none), the state it wrote there, and its index. */
    public record Arrival(int slot, long state, int index) {
        /** Whether this party arrived last and must run the action, then {@link #trip}. */
        public boolean runsAction() {
            return (state & KIND) == ACTION;
        }
    }

    /** How a wait ended. */
    public enum Outcome { PASSED, BROKEN, TIMED_OUT }

    public int parties() {
        return parties;
    }

    /** The default timeout of a wait, in nanoseconds; negative without bound. */
    public long timeoutNanos() {
        return memory.get(TIMEOUT);
    }

    /** The parties waiting in the current generation; 0 while broken (Python's {@code n_waiting}). */
    public int waiting() {
        return memory.get(BROKEN) != 0 ? 0 : (int) memory.get(COUNT);
    }

    public boolean isBroken() {
        return memory.get(BROKEN) != 0;
    }

    /**
     * Arrives. The last party of a generation passes it at once when there is no action; with one,
     * it gets an arrival that {@link Arrival#runsAction() runs the action}.
     *
     * @throws BrokenBarrierException if the barrier is broken
     * @throws InterruptedException if interrupted while waiting for the lock or a free slot
     */
    public Arrival arrive(boolean hasAction) throws BrokenBarrierException, InterruptedException {
        Backoff backoff = null;
        while (true) {
            lock.acquire(-1, ProcessToken.SELF);
            try {
                if (memory.get(BROKEN) != 0) {
                    throw new BrokenBarrierException();
                }
                long generation = memory.get(GENERATION);
                int index = (int) memory.get(COUNT);
                boolean last = index + 1 == parties;
                if (last && !hasAction) {
                    nextGeneration(generation);
                    pass(generation);
                    return new Arrival(-1, 0, index);
                }
                int slot = freeSlot();
                if (slot >= 0) {
                    long state = generation << 3 | (last ? ACTION : WAITING);
                    int at = slot(slot);
                    memory.set(at + TOKEN, ProcessToken.SELF);
                    memory.set(at + STATE, state);
                    if (slot >= memory.get(USED)) {
                        memory.set(USED, slot + 1);
                    }
                    if (last) {
                        nextGeneration(generation);
                    } else {
                        memory.set(COUNT, index + 1);
                    }
                    return new Arrival(slot, state, index);
                }
            } finally {
                lock.release();
            }
            if (backoff == null) {
                backoff = Backoff.forTimeout(-1);
            }
            backoff.pause(); // the table is full: wait for a party of the previous generation to leave
        }
    }

    /**
     * Waits, at most {@code timeoutNanos} (negative: without bound), until the arrival's generation
     * passes or the barrier breaks. A wait that times out breaks the barrier (unless it passed
     * meanwhile), and so does an interrupt.
     *
     * @throws InterruptedException if interrupted while waiting; the barrier is then broken
     */
    public Outcome await(Arrival arrival, long timeoutNanos) throws InterruptedException {
        int at = slot(arrival.slot());
        Backoff backoff = Backoff.forTimeout(timeoutNanos);
        int parks = 0;
        try {
            while (true) {
                long state = memory.get(at + STATE);
                if (state != arrival.state()) {
                    return leave(at, state);
                }
                if (backoff.isParking() && parks++ % CHECK_EVERY == 0) {
                    breakIfNeighbourDied(arrival.slot());
                }
                if (!backoff.pause()) {
                    Outcome outcome = giveUp(arrival);
                    return outcome == null ? Outcome.TIMED_OUT : outcome;
                }
            }
        } catch (InterruptedException e) {
            Outcome outcome = giveUp(arrival);
            if (outcome == null) {
                throw e;
            }
            Thread.currentThread().interrupt(); // it had passed or broken first: keep the interrupt
            return outcome;
        }
    }

    /**
     * Passes the generation of {@code arrival}, whose action has run.
     *
     * @return false if the barrier broke or was reset meanwhile (its waiters have been told)
     */
    public boolean trip(Arrival arrival) {
        int at = slot(arrival.slot());
        lockUninterruptibly();
        try {
            long state = memory.get(at + STATE);
            if (state != arrival.state()) {
                leave(at, state);
                return false;
            }
            pass(state >>> 3);
            memory.set(at + STATE, FREE);
            return true;
        } finally {
            lock.release();
        }
    }

    /** Breaks the barrier because the action of {@code arrival} failed, and frees its slot. */
    public void actionFailed(Arrival arrival) {
        lockUninterruptibly();
        try {
            breakAll(true);
            int at = slot(arrival.slot());
            leave(at, memory.get(at + STATE));
        } finally {
            lock.release();
        }
    }

    /** Breaks the barrier until {@link #reset}: every waiter, of any generation, is told. */
    public void abort() {
        lockUninterruptibly();
        try {
            breakAll(true);
        } finally {
            lock.release();
        }
    }

    /** Tells every waiter the barrier broke, then starts a new generation with the barrier whole. */
    public void reset() {
        lockUninterruptibly();
        try {
            breakAll(false);
            nextGeneration(memory.get(GENERATION));
            memory.set(BROKEN, 0);
        } finally {
            lock.release();
        }
    }

    /* ---------------- under the lock ---------------- */

    private void nextGeneration(long generation) {
        memory.set(GENERATION, generation + 1);
        memory.set(COUNT, 0);
    }

    private void pass(long generation) {
        for (int i = 0, used = used(); i < used; i++) {
            int at = slot(i) + STATE;
            memory.compareAndSet(at, generation << 3 | WAITING, generation << 3 | PASSED);
        }
    }

    private void breakAll(boolean flag) {
        if (flag) {
            memory.set(BROKEN, 1);
        }
        for (int i = 0, used = used(); i < used; i++) {
            int at = slot(i) + STATE;
            long state = memory.get(at);
            if (isWaiting(state)) {
                memory.compareAndSet(at, state, state & ~KIND | BROKEN_SLOT);
            }
        }
    }

    /** A free slot, reclaiming those of parties that died after their wait ended if need be; -1 if none. */
    private int freeSlot() {
        int capacity = (int) memory.get(CAPACITY);
        for (int i = 0; i < capacity; i++) {
            if (memory.get(slot(i) + STATE) == FREE) {
                return i;
            }
        }
        for (int i = 0; i < capacity; i++) {
            int at = slot(i);
            long state = memory.get(at + STATE);
            if (!isWaiting(state) && ProcessToken.isDead(memory.get(at + TOKEN))
                    && memory.compareAndSet(at + STATE, state, FREE)) {
                return i;
            }
        }
        return -1;
    }

    /* ---------------- a waiter's own steps ---------------- */

    /** Frees a slot whose wait has ended in {@code state}, and says how. */
    private Outcome leave(int at, long state) {
        memory.compareAndSet(at + STATE, state, FREE);
        return (state & KIND) == PASSED ? Outcome.PASSED : Outcome.BROKEN;
    }

    /**
     * Ends a wait that timed out or was interrupted: breaks the barrier if the arrival still waits
     * and returns null, else frees the slot and returns how the wait had ended.
     */
    private Outcome giveUp(Arrival arrival) {
        int at = slot(arrival.slot());
        lockUninterruptibly();
        try {
            long state = memory.get(at + STATE);
            if (state != arrival.state()) {
                return leave(at, state);
            }
            breakAll(true);
            memory.set(at + STATE, FREE);
            return null;
        } finally {
            lock.release();
        }
    }

    private void breakIfNeighbourDied(int own) throws InterruptedException {
        int used = used();
        for (int step = 1; step < used; step++) {
            int at = slot(Math.floorMod(own - step, used));
            long state = memory.get(at + STATE);
            if (isWaiting(state)) {
                if (ProcessToken.isDead(memory.get(at + TOKEN))) {
                    lock.acquire(-1, ProcessToken.SELF);
                    try {
                        if (memory.get(at + STATE) == state) {
                            breakAll(true);
                        }
                    } finally {
                        lock.release();
                    }
                }
                return;
            }
        }
    }

    private static boolean isWaiting(long state) {
        long kind = state & KIND;
        return kind == WAITING || kind == ACTION;
    }

    private void lockUninterruptibly() {
        lock.acquireUninterruptibly(ProcessToken.SELF);
    }

    private int used() {
        return (int) memory.get(USED);
    }

    private int slot(int index) {
        return FIRST + index * 16;
    }
}
