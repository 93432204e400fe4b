package io.github.mp4j;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeoutException;

/**
 * A barrier that lives in a {@link Manager}'s process: {@code parties} threads, of any processes,
 * wait until all have arrived. Python's {@code manager.Barrier(parties)}.
 *
 * <pre>{@code
 * BarrierProxy start = manager.barrier(4);
 * for (int i = 0; i < 4; i++) new Process(() -> { start.await(); work(); }).start();
 * }</pre>
 *
 * Failures: see {@link Manager}.
 */
public interface BarrierProxy extends Serializable {

    /**
     * Waits until every party has arrived; returns this caller's arrival index, a distinct number
     * from 0 to {@code parties() - 1}.
     *
     * @throws BrokenBarrierException if the barrier is broken or aborted, or breaks while waiting
     */
    int await() throws InterruptedException, BrokenBarrierException;

    /**
     * Like {@link #await()}, for at most {@code timeout}.
     *
     * @throws TimeoutException when the time runs out; the barrier is then broken for everyone
     */
    int await(Duration timeout) throws InterruptedException, BrokenBarrierException, TimeoutException;

    /** Returns the barrier to its initial state; current waiters get {@link BrokenBarrierException}. */
    void reset();

    /** Breaks the barrier until {@link #reset()}: current and future waiters fail. */
    void abort();

    int parties();

    /** How many parties are waiting now. Python's {@code n_waiting}. */
    int nWaiting();

    boolean isBroken();
}
