package io.github.mp4j.cluster;

import io.github.mp4j.manager.SharedType;
import io.github.mp4j.manager.SharedType.EventMethod;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteAtomicLong;
import org.apache.ignite.IgniteCondition;
import org.apache.ignite.IgniteLock;

import java.util.concurrent.TimeUnit;

/**
 * An Event of {@link IgniteStore}: a flag (an atomic long, 1 when set) and a lock whose condition
 * wakes the waiters. Setting and waiting hold the lock, so a waiter cannot miss a {@code set}
 * between testing the flag and starting to wait.
 */
final class ClusterEvent extends ClusterSync {

    private final IgniteLock lock;
    private final IgniteCondition setting;
    private final IgniteAtomicLong flag;

    private ClusterEvent(String name, IgniteLock lock, IgniteAtomicLong flag) {
        super(name);
        this.lock = lock;
        this.setting = lock.getOrCreateCondition("set");
        this.flag = flag;
    }

    static ClusterEvent of(Ignite ignite, String name, boolean create) {
        IgniteAtomicLong flag = ignite.atomicLong(name + "-flag", 0, create);
        IgniteLock lock = lock(ignite, name, create);
        return flag == null || lock == null ? null : new ClusterEvent(name, lock, flag);
    }

    @Override
    Object call(String method, Object[] a) {
        return switch ((EventMethod) SharedType.EVENT.method(method)) {
            case isSet -> flag.get() != 0;
            case set -> {
                lock.lock();
                try {
                    flag.getAndSet(1);
                    setting.signalAll();
                } finally {
                    lock.unlock();
                }
                yield null;
            }
            case clear -> {
                flag.getAndSet(0);
                yield null;
            }
            case await -> flag.get() != 0 || await(nanos(a[0]));
            case toString -> "<Event(" + (flag.get() != 0 ? "set" : "unset") + ")>";
        };
    }

    private boolean await(long nanos) {
        long deadline = System.nanoTime() + nanos;
        lock.lockInterruptibly();
        try {
            while (flag.get() == 0) {
                if (nanos < 0) {
                    setting.await();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    setting.await(left, TimeUnit.NANOSECONDS);
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    void destroy() {
        lock.close();
        flag.close();
    }
}
