package io.github.mp4j.cluster;

import io.github.mp4j.manager.SharedType;
import io.github.mp4j.manager.SharedType.BarrierMethod;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteAtomicLong;
import org.apache.ignite.IgniteCondition;
import org.apache.ignite.IgniteInterruptedException;
import org.apache.ignite.IgniteLock;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Barrier of {@link IgniteStore}, made as {@link java.util.concurrent.CyclicBarrier} is, from a
 * lock and its condition: each round of {@code parties} arrivals is a generation; the last arrival
 * starts the next one and wakes the others. A generation breaks (a wait timed out or was
 * interrupted, {@code abort}, {@code reset} with parties waiting) by recording its number as the
 * broken one, which every waiter of it then sees. All state changes hold the lock.
 */
final class ClusterBarrier extends ClusterSync {

    private final IgniteLock lock;
    private final IgniteCondition tripped;
    private final int parties;
    private final IgniteAtomicLong partiesHolder;
    private final IgniteAtomicLong arrived;
    private final IgniteAtomicLong generation;
    /** The generation that broke; -1 while none has. */
    private final IgniteAtomicLong broken;

    private ClusterBarrier(String name, IgniteLock lock, IgniteAtomicLong parties, IgniteAtomicLong arrived,
                           IgniteAtomicLong generation, IgniteAtomicLong broken) {
        super(name);
        this.lock = lock;
        this.tripped = lock.getOrCreateCondition("tripped");
        this.partiesHolder = parties;
        this.parties = (int) parties.get();
        this.arrived = arrived;
        this.generation = generation;
        this.broken = broken;
    }

    /** Opens the barrier, or makes one for {@code parties} if that is at least 0. */
    static ClusterBarrier of(Ignite ignite, String name, int parties) {
        boolean create = parties >= 0;
        if (create && parties < 1) {
            throw new IllegalArgumentException("parties must be at least 1");
        }
        IgniteAtomicLong p = ignite.atomicLong(name + "-parties", parties, create);
        IgniteAtomicLong arrived = ignite.atomicLong(name + "-arrived", 0, create);
        IgniteAtomicLong generation = ignite.atomicLong(name + "-generation", 0, create);
        IgniteAtomicLong broken = ignite.atomicLong(name + "-broken", -1, create);
        IgniteLock lock = lock(ignite, name, create);
        return p == null || arrived == null || generation == null || broken == null || lock == null ? null
                : new ClusterBarrier(name, lock, p, arrived, generation, broken);
    }

    @Override
    Object call(String method, Object[] a) throws Exception {
        return switch ((BarrierMethod) SharedType.BARRIER.method(method)) {
            case await -> await(nanos(a[0]));
            case reset -> {
                locked(() -> {
                    if (arrived.get() > 0) {
                        breakCurrent();
                    }
                    arrived.getAndSet(0);
                    generation.incrementAndGet();
                });
                yield null;
            }
            case abort -> {
                locked(this::breakCurrent);
                yield null;
            }
            case parties -> parties;
            case nWaiting -> (int) arrived.get();
            case isBroken -> isBroken();
            case toString -> "<Barrier(parties=" + parties + ", waiting=" + arrived.get() + (isBroken() ? ", broken" : "") + ")>";
        };
    }

    private boolean isBroken() {
        return broken.get() == generation.get();
    }

    private int await(long nanos) throws BrokenBarrierException, TimeoutException {
        long deadline = System.nanoTime() + nanos;
        lock.lockInterruptibly();
        try {
            long gen = generation.get();
            if (broken.get() == gen) {
                throw new BrokenBarrierException();
            }
            int index = (int) arrived.getAndIncrement();
            if (index + 1 == parties) {
                arrived.getAndSet(0);
                generation.incrementAndGet();
                tripped.signalAll();
                return index;
            }
            while (true) {
                try {
                    if (nanos < 0) {
                        tripped.await();
                    } else {
                        long left = deadline - System.nanoTime();
                        if (left > 0) {
                            tripped.await(left, TimeUnit.NANOSECONDS);
                        }
                    }
                } catch (IgniteInterruptedException e) {
                    if (generation.get() == gen) {
                        breakCurrent();
                    }
                    throw e;
                }
                if (broken.get() == gen) {
                    throw new BrokenBarrierException();
                }
                if (generation.get() != gen) {
                    return index;
                }
                if (nanos >= 0 && deadline - System.nanoTime() <= 0) {
                    breakCurrent();
                    throw new TimeoutException();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Breaks the current generation and wakes its waiters; the caller holds the lock. */
    private void breakCurrent() {
        broken.getAndSet(generation.get());
        tripped.signalAll();
    }

    private void locked(Runnable change) {
        lock.lock();
        try {
            change.run();
        } finally {
            lock.unlock();
        }
    }

    @Override
    void destroy() {
        lock.close();
        partiesHolder.close();
        arrived.close();
        generation.close();
        broken.close();
    }
}
