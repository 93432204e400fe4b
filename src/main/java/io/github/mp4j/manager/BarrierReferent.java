package io.github.mp4j.manager;

import io.github.mp4j.manager.SharedType.BarrierMethod;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Barrier in the server. {@link CyclicBarrier} has no abort, so an aborted flag keeps the barrier
 * broken until {@code reset}, as Python's does.
 */
final class BarrierReferent implements Referent {

    private final CyclicBarrier barrier;
    private volatile boolean aborted;

    BarrierReferent(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be at least 1");
        }
        this.barrier = new CyclicBarrier(parties);
    }

    @Override
    public Object call(String method, Object[] a, Session session)
            throws InterruptedException, BrokenBarrierException, TimeoutException {
        return switch ((BarrierMethod) SharedType.BARRIER.method(method)) {
            case await -> await(Referent.nanos(a[0]));
            case reset -> {
                aborted = false;
                barrier.reset();
                yield null;
            }
            case abort -> {
                aborted = true;
                barrier.reset(); // wakes the current waiters with BrokenBarrierException
                yield null;
            }
            case parties -> barrier.getParties();
            case nWaiting -> barrier.getNumberWaiting();
            case isBroken -> aborted || barrier.isBroken();
            case toString -> "<Barrier(parties=" + barrier.getParties() + ", waiting=" + barrier.getNumberWaiting()
                    + (aborted || barrier.isBroken() ? ", broken" : "") + ")>";
        };
    }

    private int await(long nanos) throws InterruptedException, BrokenBarrierException, TimeoutException {
        if (aborted) {
            throw new BrokenBarrierException();
        }
        int remaining = nanos < 0 ? barrier.await() : barrier.await(nanos, TimeUnit.NANOSECONDS);
        return barrier.getParties() - 1 - remaining;
    }
}
