package io.github.mp4j.manager;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.function.BooleanSupplier;

/**
 * The calls of an RLock or a Condition proxy run against a reentrant lock owned by the calling
 * thread and a condition of it: shared by the manager server ({@code ConditionReferent}) and the
 * cluster store, whose lock is Ignite's.
 *
 * @param type         "RLock" or "Condition", for messages
 * @param lock         the lock
 * @param condition    the lock's condition; null where waiting is not exposed
 * @param heldByCaller whether the calling thread holds the lock
 * @param locked       whether any thread holds it
 */
public record ConditionCalls(String type, Lock lock, Condition condition, BooleanSupplier heldByCaller,
                             BooleanSupplier locked) {

    /** Runs {@code method} with the arguments a proxy sends; {@code acquire} answers whether it got the lock. */
    public Object call(String method, Object[] a) throws InterruptedException {
        if (condition == null && (method.equals("await") || method.startsWith("signal"))) {
            throw Referent.notExposed(type, method);
        }
        switch (method) {
            case "acquire" -> {
                long nanos = Referent.nanos(a[1]);
                if (!(Boolean) a[0]) {
                    return lock.tryLock();
                }
                if (nanos < 0) {
                    lock.lockInterruptibly();
                    return true;
                }
                return lock.tryLock(nanos, TimeUnit.NANOSECONDS);
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
                return "<" + type + "(" + (locked.getAsBoolean() ? "locked" : "unlocked") + ")>";
            }
            default -> throw Referent.notExposed(type, method);
        }
    }

    private void checkHeld(String message) {
        if (!heldByCaller.getAsBoolean()) {
            throw new IllegalStateException(message);
        }
    }
}
