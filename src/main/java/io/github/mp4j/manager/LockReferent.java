package io.github.mp4j.manager;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A Lock, Semaphore or BoundedSemaphore in the server: permits that any client may release. A Lock
 * also remembers the session that acquired it, so that the lock is released if that session ends
 * while holding it.
 */
final class LockReferent implements Referent, Session.Holdable {

    private final String type;
    private final Semaphore permits;
    /** The most permits there may be; -1 for an unbounded semaphore. */
    private final int bound;
    private final boolean isLock;
    /** The session holding a Lock; guarded by this. */
    private Session holder;

    private LockReferent(String type, int permits, int bound, boolean isLock) {
        this.type = type;
        this.permits = new Semaphore(permits);
        this.bound = bound;
        this.isLock = isLock;
    }

    static LockReferent lock() {
        return new LockReferent("Lock", 1, 1, true);
    }

    static LockReferent semaphore(int value, boolean bounded) {
        if (value < 0) {
            throw new IllegalArgumentException("semaphore initial value must be >= 0");
        }
        return new LockReferent(bounded ? "BoundedSemaphore" : "Semaphore", value, bounded ? value : -1, false);
    }

    @Override
    public Object call(String method, Object[] a, Session session) throws InterruptedException {
        return switch (method) {
            case "acquire" -> acquire((Boolean) a[0], Referent.nanos(a[1]), session);
            case "release" -> {
                release();
                yield null;
            }
            case "toString" -> isLock ? "<Lock(" + (permits.availablePermits() == 0 ? "locked" : "unlocked") + ")>"
                    : "<" + type + "(value=" + permits.availablePermits() + ")>";
            default -> throw Referent.notExposed(type, method);
        };
    }

    private boolean acquire(boolean block, long nanos, Session session) throws InterruptedException {
        boolean got;
        if (!block) {
            got = permits.tryAcquire();
        } else if (nanos < 0) {
            permits.acquire();
            got = true;
        } else {
            got = permits.tryAcquire(nanos, TimeUnit.NANOSECONDS);
        }
        if (got && isLock && session != null) {
            synchronized (this) {
                holder = session;
            }
            session.acquired(this);
        }
        return got;
    }

    private synchronized void release() {
        if (bound >= 0 && permits.availablePermits() >= bound) {
            throw new IllegalStateException(isLock ? "release unlocked lock" : "Semaphore released too many times");
        }
        holder = null;
        permits.release();
    }

    @Override
    public synchronized void releaseAll(Session session) {
        if (holder == session) {
            holder = null;
            permits.release();
        }
    }
}
