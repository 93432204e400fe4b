package io.github.mp4j.manager;

import io.github.mp4j.manager.SharedType.AcquirerMethod;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A Semaphore or BoundedSemaphore in the server: permits that any client may release. (A Lock is a
 * {@link MappedLockReferent}.)
 */
final class LockReferent implements Referent {

    private final SharedType type;
    private final Semaphore permits;
    /** The most permits there may be; -1 for an unbounded semaphore. */
    private final int bound;

    private LockReferent(SharedType type, int permits, int bound) {
        this.type = type;
        this.permits = new Semaphore(permits);
        this.bound = bound;
    }

    static LockReferent semaphore(int value, boolean bounded) {
        if (value < 0) {
            throw new IllegalArgumentException("semaphore initial value must be >= 0");
        }
        return new LockReferent(bounded ? SharedType.BOUNDED_SEMAPHORE : SharedType.SEMAPHORE, value, bounded ? value : -1);
    }

    @Override
    public Object call(String method, Object[] a, Session session) throws InterruptedException {
        return switch ((AcquirerMethod) type.method(method)) {
            case acquire -> {
                boolean acquired = acquire((Boolean) a[0], Referent.nanos(a[1]));
                if (acquired) {
                    Session.tookFor(session, permits::release);
                }
                yield acquired;
            }
            case release -> {
                release();
                yield null;
            }
            case toString -> "<" + type.typeid() + "(value=" + permits.availablePermits() + ")>";
            case await, signal, signalAll, mapping -> throw type.notExposed(method);
        };
    }

    private boolean acquire(boolean block, long nanos) throws InterruptedException {
        if (!block) {
            return permits.tryAcquire();
        }
        if (nanos < 0) {
            permits.acquire();
            return true;
        }
        return permits.tryAcquire(nanos, TimeUnit.NANOSECONDS);
    }

    private synchronized void release() {
        if (bound >= 0 && permits.availablePermits() >= bound) {
            throw new IllegalStateException("Semaphore released too many times");
        }
        permits.release();
    }
}
