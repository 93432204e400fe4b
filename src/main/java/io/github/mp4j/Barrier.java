package io.github.mp4j;

import io.github.mp4j.handles.Backoff;
import io.github.mp4j.handles.MappedBarrier;
import io.github.mp4j.handles.SharedMemory;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeoutException;

/**
 * A barrier shared by processes: {@code parties} threads, of any processes, each call
 * {@link #await()}, and all proceed once the last has arrived; then it is ready for the next round
 * (generation). Python's {@code multiprocessing.Barrier}, without a server;
 * {@link java.util.concurrent.CyclicBarrier} across processes.
 *
 * <pre>{@code
 * Barrier ready = new Barrier(3, () -> System.out.println("all three arrived"), null);
 * List<Process> workers = new ArrayList<>();
 * for (int i = 0; i < 3; i++) {
 *     Process p = new Process(() -> {
 *         for (int round = 0; round < 2; round++) {
 *             prepare(round);
 *             ready.await(Duration.ofSeconds(30));    // Python: ready.wait(30)
 *         }
 *     });
 *     p.start();
 *     workers.add(p);
 * }
 * for (Process p : workers) p.join();
 * }</pre>
 *
 * <p>The action, if any, runs once per generation in the thread that arrives last, before the
 * others are released; it travels into children with the barrier (so it sees its own copies of
 * what it captures). If it throws, the barrier breaks and that thread's {@code await} throws what
 * the action threw. A broken barrier (by {@link #abort()}, a timeout, an interrupted waiter, a
 * failed action or a dead party) fails every current and later {@code await} with
 * {@link BrokenBarrierException} (Python's {@code BrokenBarrierError}) until {@link #reset()}.
 *
 * <p>A party that dies while waiting breaks the barrier: where Python's barrier leaves the others
 * waiting for ever (or until their timeout), here the live waiters notice the death within about
 * 80 ms and get {@link BrokenBarrierException}. The same holds for the thread running the action.
 * A party that dies outside {@code await} is not noticed: the others wait for it as for any late
 * party.
 *
 * <p>Waiters poll shared memory as {@link Event}'s do, so a long wait notices its release up to
 * 10 ms late. The barrier travels into children by being captured in a {@link Process} task, like a
 * {@link Lock}, and is closed like one.
 */
public final class Barrier implements Serializable, AutoCloseable {

    private static final long serialVersionUID = 1L;

    private final transient PrimitiveMemory shared;
    private final transient MappedBarrier barrier;
    /** Null when there is none; travels with the barrier. */
    private final transient SerializableRunnable action;

    /**
     * A barrier for {@code parties} threads, without action or timeout. Python's
     * {@code Barrier(parties)}.
     *
     * @throws IllegalArgumentException unless {@code 1 <= parties <= 1000000}
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public Barrier(int parties) {
        this(parties, null, null);
    }

    /**
     * A barrier for {@code parties} threads that runs {@code action} (null: none) when they have
     * all arrived, and whose {@link #await()} waits at most {@code timeout} (null: without bound).
     * Python's {@code Barrier(parties, action, timeout)}.
     *
     * @throws IllegalArgumentException unless {@code 1 <= parties <= 1000000}
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public Barrier(int parties, SerializableRunnable action, Duration timeout) {
        this(newBlock(parties, timeout), action);
    }

    /** The barrier in {@code memory}. */
    Barrier(SharedMemory memory, SerializableRunnable action) {
        this.shared = new PrimitiveMemory(memory, "barrier");
        this.barrier = new MappedBarrier(memory);
        this.action = action;
    }

    private static SharedMemory newBlock(int parties, Duration timeout) {
        SharedMemory memory = PrimitiveMemory.create(MappedBarrier.bytes(parties), "barrier");
        MappedBarrier.initialize(memory, parties, Backoff.nanos(timeout));
        return memory;
    }

    /**
     * Waits until every party has arrived, at most the barrier's timeout (see the constructor).
     * Python's {@code wait()}.
     *
     * @return this thread's arrival index: 0 for the first to arrive, {@code parties() - 1} for the
     *         last (who ran the action)
     * @throws BrokenBarrierException if the barrier is broken, or breaks while this thread waits
     *         (another party's timeout, interrupt, failed action or death, {@link #abort()},
     *         {@link #reset()}); when this thread's own wait passes the barrier's timeout, the
     *         barrier breaks and the exception's cause is a {@link TimeoutException}, as Python
     *         raises {@code BrokenBarrierError} then
     * @throws InterruptedException if interrupted while waiting; the barrier is then broken
     * @throws IllegalStateException "barrier is closed" after {@link #close()}
     */
    public int await() throws InterruptedException, BrokenBarrierException {
        shared.ensureOpen();
        try {
            return await(barrier.timeoutNanos());
        } catch (TimeoutException e) {
            BrokenBarrierException broken = new BrokenBarrierException(e.getMessage());
            broken.initCause(e);
            throw broken;
        }
    }

    /**
     * As {@link #await()}, waiting at most {@code timeout} (null: without bound; negative: as
     * zero) instead of the barrier's timeout. Python's {@code wait(timeout)}.
     *
     * @throws TimeoutException if the timeout passed first; the barrier is then broken for the
     *         others, as {@link java.util.concurrent.CyclicBarrier} does (Python raises
     *         {@code BrokenBarrierError})
     */
    public int await(Duration timeout) throws InterruptedException, BrokenBarrierException, TimeoutException {
        return await(Backoff.nanos(timeout));
    }

    private int await(long nanos) throws InterruptedException, BrokenBarrierException, TimeoutException {
        shared.ensureOpen();
        MappedBarrier.Arrival arrival = barrier.arrive(action != null);
        if (arrival.runsAction()) {
            try {
                action.run();
            } catch (RuntimeException | Error e) {
                barrier.actionFailed(arrival);
                throw e;
            }
            if (!barrier.trip(arrival)) {
                throw new BrokenBarrierException();
            }
            return arrival.index();
        }
        if (arrival.slot() < 0) {
            return arrival.index(); // the last arrival, without action: the generation passed
        }
        return switch (barrier.await(arrival, nanos)) {
            case PASSED -> arrival.index();
            case BROKEN -> throw new BrokenBarrierException();
            case TIMED_OUT -> throw new TimeoutException("the barrier's parties did not all arrive within "
                    + Duration.ofNanos(nanos) + "; it is broken now");
        };
    }

    /**
     * Breaks the barrier: every waiting thread, and every later {@code await} until
     * {@link #reset()}, throws {@link BrokenBarrierException}. Python's {@code abort()}.
     */
    public void abort() {
        shared.ensureOpen();
        barrier.abort();
    }

    /**
     * Returns the barrier to its initial state: the threads waiting now throw
     * {@link BrokenBarrierException}, later ones start a new generation. Python's {@code reset()}.
     */
    public void reset() {
        shared.ensureOpen();
        barrier.reset();
    }

    /** The number of threads needed to pass the barrier. Python's {@code parties}. */
    public int parties() {
        shared.ensureOpen();
        return barrier.parties();
    }

    /** How many threads wait in the current generation; 0 while broken. Python's {@code n_waiting}. */
    public int nWaiting() {
        shared.ensureOpen();
        return barrier.waiting();
    }

    /** Whether the barrier is broken. Python's {@code broken}. */
    public boolean isBroken() {
        shared.ensureOpen();
        return barrier.isBroken();
    }

    /**
     * Frees what this barrier holds in this process at once, as {@link Lock#close()} does, with the
     * same contract: afterwards every method but {@code close()} and {@code toString()} throws
     * {@link IllegalStateException}. Not in Python.
     */
    @Override
    public void close() {
        shared.close();
    }

    /** {@code <Barrier(parties=3, waiting=1)>}, with {@code , broken} when broken. */
    @Override
    public String toString() {
        if (shared.isClosed()) {
            return "<Barrier(closed)>";
        }
        return "<Barrier(parties=" + barrier.parties() + ", waiting=" + barrier.waiting()
                + (barrier.isBroken() ? ", broken" : "") + ")>";
    }

    /* ---------------- travelling into a child ---------------- */

    private Object writeReplace() throws ObjectStreamException {
        return shared.travel(SharedRef.Kind.BARRIER, 0, action, this);
    }
}
