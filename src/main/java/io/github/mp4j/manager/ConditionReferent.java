package io.github.mp4j.manager;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An RLock, or a Condition with its own RLock, in the server. The owner is the server thread that
 * serves the acquiring connection, which stands for exactly one client thread (see {@code Channels}).
 */
final class ConditionReferent implements Referent, Session.Holdable {

    private final String type;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition condition = lock.newCondition();

    ConditionReferent(String type) {
        this.type = type;
    }

    @Override
    public Object call(String method, Object[] a, Session session) throws InterruptedException {
        switch (method) {
            case "acquire" -> {
                boolean block = (Boolean) a[0];
                long nanos = Referent.nanos(a[1]);
                boolean got;
                if (!block) {
                    got = lock.tryLock();
                } else if (nanos < 0) {
                    lock.lockInterruptibly();
                    got = true;
                } else {
                    got = lock.tryLock(nanos, TimeUnit.NANOSECONDS);
                }
                if (got && session != null) {
                    session.acquired(this);
                }
                return got;
            }
            case "release" -> {
                checkHeld("cannot release un-acquired lock");
                lock.unlock();
                return null;
            }
            case "await" -> {
                checkHeld("cannot wait on un-acquired lock");
                long nanos = Referent.nanos(a[0]);
                if (nanos < 0) {
                    condition.await();
                    return true;
                }
                return condition.await(nanos, TimeUnit.NANOSECONDS);
            }
            case "signal" -> {
                checkHeld("cannot notify on un-acquired lock");
                for (int i = (Integer) a[0]; i > 0; i--) {
                    condition.signal();
                }
                return null;
            }
            case "signalAll" -> {
                checkHeld("cannot notify on un-acquired lock");
                condition.signalAll();
                return null;
            }
            case "toString" -> {
                return "<" + type + "(" + (lock.isLocked() ? "locked" : "unlocked") + ")>";
            }
            default -> throw Referent.notExposed(type, method);
        }
    }

    private void checkHeld(String message) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException(message);
        }
    }

    @Override
    public void releaseAll(Session session) {
        while (lock.isHeldByCurrentThread()) {
            lock.unlock();
        }
    }
}
