package io.github.mp4j.manager;

import io.github.mp4j.manager.SharedType.AcquirerMethod;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.function.BooleanSupplier;

/**
 * The calls of an RLock or a Condition proxy run against a reentrant lock owned by the calling
 * thread and a condition of it: shared by the manager server ({@code ConditionReferent}) and the
 * cluster store, whose lock is Ignite's.
 *
 * @param type         {@link SharedType#RLOCK} or {@link SharedType#CONDITION}
 * @param lock         the lock
 * @param condition    the lock's condition; null where waiting is not exposed
 * @param heldByCaller whether the calling thread holds the lock
 * @param locked       whether any thread holds it
 */
public record ConditionCalls(SharedType type, Lock lock, Condition condition, BooleanSupplier heldByCaller,
                             BooleanSupplier locked) {

    /**
     * Runs {@code method}, one that {@link #type} exposes (see {@link SharedType#method}), with the
     * arguments a proxy sends; {@code acquire} answers whether it got the lock.
     */
    public Object call(AcquirerMethod method, Object[] a) throws InterruptedException {
        return switch (method) {
            case acquire -> {
                long nanos = Referent.nanos(a[1]);
                if (!(Boolean) a[0]) {
                    yield lock.tryLock();
                }
                if (nanos < 0) {
                    lock.lockInterruptibly();
                    yield true;
                }
                yield lock.tryLock(nanos, TimeUnit.NANOSECONDS);
            }
            case release -> {
                checkHeld("cannot release un-acquired lock");
                lock.unlock();
                yield null;
            }
            case await -> {
                checkHeld("cannot wait on un-acquired lock");
                long nanos = Referent.nanos(a[0]);
                if (nanos < 0) {
                    condition.await();
                    yield true;
                }
                yield condition.await(nanos, TimeUnit.NANOSECONDS);
            }
            case signal -> {
                checkHeld("cannot notify on un-acquired lock");
                for (int i = (Integer) a[0]; i > 0; i--) {
                    condition.signal();
                }
                yield null;
            }
            case signalAll -> {
                checkHeld("cannot notify on un-acquired lock");
                condition.signalAll();
                yield null;
            }
            case toString -> "<" + type.typeid() + "(" + (locked.getAsBoolean() ? "locked" : "unlocked") + ")>";
            case mapping -> throw type.notExposed(method.name());
        };
    }

    private void checkHeld(String message) {
        if (!heldByCaller.getAsBoolean()) {
            throw new IllegalStateException(message);
        }
    }
}
