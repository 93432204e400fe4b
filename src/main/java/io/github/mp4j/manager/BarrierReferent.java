package io.github.mp4j.manager;

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
        switch (method) {
            case "await" -> {
                if (aborted) {
                    throw new BrokenBarrierException();
                }
                long nanos = Referent.nanos(a[0]);
                int remaining = nanos < 0 ? barrier.await() : barrier.await(nanos, TimeUnit.NANOSECONDS);
                return barrier.getParties() - 1 - remaining;
            }
            case "reset" -> {
                aborted = false;
                barrier.reset();
                return null;
            }
            case "abort" -> {
                aborted = true;
                barrier.reset(); // wakes the current waiters with BrokenBarrierException
                return null;
            }
            case "parties" -> {
                return barrier.getParties();
            }
            case "nWaiting" -> {
                return barrier.getNumberWaiting();
            }
            case "isBroken" -> {
                return aborted || barrier.isBroken();
            }
            case "toString" -> {
                return "<Barrier(parties=" + barrier.getParties() + ", waiting=" + barrier.getNumberWaiting()
                        + (aborted || barrier.isBroken() ? ", broken" : "") + ")>";
            }
            default -> throw Referent.notExposed("Barrier", method);
        }
    }
}
