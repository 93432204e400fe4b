package io.github.mp4j.cluster;

import io.github.mp4j.manager.ConditionCalls;
import io.github.mp4j.manager.SharedType;
import io.github.mp4j.manager.SharedType.AcquirerMethod;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteAtomicLong;
import org.apache.ignite.IgniteLock;
import org.apache.ignite.IgniteSemaphore;

import java.util.concurrent.TimeUnit;

/**
 * A Lock, RLock, Semaphore, BoundedSemaphore, Condition, Event, Queue or Barrier of
 * {@link IgniteStore}: Ignite data structures named after the object's id, answering the calls the
 * local manager's proxies make, with the same results and exceptions as the manager server's
 * objects. Waits happen in the calling thread.
 *
 * <p>Differences from the local manager, and from Python's: a Lock (an {@code IgniteSemaphore} of
 * one permit, so that any thread may release it, as Python allows) and the permits of a semaphore
 * are given back when the client holding them leaves the cluster (failover-safe), as the local
 * manager gives them back when a connection ends; Python keeps them taken. An RLock is owned by the
 * acquiring thread of the acquiring JVM, as in Python. Checking a BoundedSemaphore's bound and
 * releasing are two steps, so two releases racing at the bound may both succeed.
 */
abstract class ClusterSync {

    final String name;

    ClusterSync(String name) {
        this.name = name;
    }

    /** Runs {@code method} as the manager server's object of the same type would. */
    abstract Object call(String method, Object[] a) throws Exception;

    /** Removes the object's data structures from the cluster. */
    abstract void destroy();

    /** Makes the data structures of a new object of the synchronization type {@code type}. */
    static void create(Ignite ignite, long id, SharedType type, Object[] args) {
        of(ignite, id, type, args);
    }

    /** This JVM's handle on an existing object. */
    static ClusterSync open(Ignite ignite, long id, SharedType type) {
        return of(ignite, id, type, null);
    }

    /** Opens the object, or creates it when {@code args} (the factory's arguments) are given. */
    private static ClusterSync of(Ignite ignite, long id, SharedType type, Object[] args) {
        String name = "mp4j-" + id;
        boolean create = args != null;
        ClusterSync sync = switch (type) {
            case LOCK -> Permits.of(ignite, name, type, create ? 1 : -1, null);
            case SEMAPHORE, BOUNDED_SEMAPHORE -> {
                int value = create ? (Integer) args[0] : -1;
                if (create && value < 0) {
                    throw new IllegalArgumentException("semaphore initial value must be >= 0");
                }
                IgniteAtomicLong bound = type == SharedType.SEMAPHORE ? null : ignite.atomicLong(name + "-bound", value, create);
                if (bound == null && type == SharedType.BOUNDED_SEMAPHORE) {
                    throw IgniteStore.missing(id);
                }
                yield Permits.of(ignite, name, type, value, bound);
            }
            case RLOCK, CONDITION -> Owned.of(ignite, name, type, create);
            case EVENT -> ClusterEvent.of(ignite, name, create);
            case QUEUE -> ClusterQueue.of(ignite, name, create ? (Integer) args[0] : -1);
            case BARRIER -> ClusterBarrier.of(ignite, name, create ? (Integer) args[0] : -1);
            case DICT, LIST, NAMESPACE, VALUE -> throw new IllegalArgumentException("not a synchronization type: "
                    + type.typeid());
        };
        if (sync == null) {
            throw IgniteStore.missing(id);
        }
        return sync;
    }

    /** A timeout sent by a proxy: negative for none. */
    static long nanos(Object timeout) {
        return ((Number) timeout).longValue();
    }

    /** A lock that reaches {@code name} (opened, or made when {@code create}), or null. */
    static IgniteLock lock(Ignite ignite, String name, boolean create) {
        return ignite.reentrantLock(name, true, false, create);
    }

    /** Lock, Semaphore, BoundedSemaphore: permits that any thread may release. */
    private static final class Permits extends ClusterSync {
        private static final long SLICE_NANOS = TimeUnit.SECONDS.toNanos(1);

        private final SharedType type;
        private final IgniteSemaphore permits;
        /** A BoundedSemaphore's initial value, kept in the cluster for every JVM to read once. */
        private final IgniteAtomicLong boundHolder;
        /** The most permits there may be; -1 for an unbounded semaphore. */
        private final int bound;

        private Permits(String name, SharedType type, IgniteSemaphore permits, IgniteAtomicLong boundHolder) {
            super(name);
            this.type = type;
            this.permits = permits;
            this.boundHolder = boundHolder;
            this.bound = type == SharedType.LOCK ? 1 : boundHolder == null ? -1 : (int) boundHolder.get();
        }

        /** Opens the semaphore, or makes it with {@code value} permits if that is at least 0. */
        static Permits of(Ignite ignite, String name, SharedType type, int value, IgniteAtomicLong boundHolder) {
            IgniteSemaphore s = ignite.semaphore(name, Math.max(0, value), true, value >= 0);
            return s == null ? null : new Permits(name, type, s, boundHolder);
        }

        @Override
        Object call(String method, Object[] a) {
            return switch ((AcquirerMethod) type.method(method)) {
                case acquire -> (Boolean) a[0] ? acquire(nanos(a[1])) : permits.tryAcquire();
                case release -> {
                    if (bound >= 0 && permits.availablePermits() >= bound) {
                        throw new IllegalStateException(type == SharedType.LOCK ? "release unlocked lock"
                                : "Semaphore released too many times");
                    }
                    permits.release();
                    yield null;
                }
                case toString -> type == SharedType.LOCK
                        ? "<Lock(" + (permits.availablePermits() == 0 ? "locked" : "unlocked") + ")>"
                        : "<" + type.typeid() + "(value=" + permits.availablePermits() + ")>";
                // a cluster's Lock is never mapped: its proxy is a plain RemoteAcquirer, which does not ask
                case mapping, await, signal, signalAll -> throw type.notExposed(method);
            };
        }

        /**
         * Waits for a permit in slices of at most a second: a waiter is not woken when the permits
         * of a client that left are given back, only when some client releases one.
         */
        private boolean acquire(long nanos) {
            long deadline = System.nanoTime() + nanos;
            while (true) {
                long slice = nanos < 0 ? SLICE_NANOS : Math.min(SLICE_NANOS, deadline - System.nanoTime());
                if (permits.tryAcquire(Math.max(0, slice), TimeUnit.NANOSECONDS)) {
                    return true;
                }
                if (nanos >= 0 && deadline - System.nanoTime() <= 0) {
                    return false;
                }
            }
        }

        @Override
        void destroy() {
            permits.close();
            if (boundHolder != null) {
                boundHolder.close();
            }
        }
    }

    /** RLock, Condition: a reentrant lock owned by the acquiring thread, and a condition of it. */
    private static final class Owned extends ClusterSync {
        private final IgniteLock lock;
        private final ConditionCalls calls;

        private Owned(String name, SharedType type, IgniteLock lock) {
            super(name);
            this.lock = lock;
            this.calls = new ConditionCalls(type, lock,
                    type == SharedType.CONDITION ? lock.getOrCreateCondition("condition") : null,
                    lock::isHeldByCurrentThread, lock::isLocked);
        }

        static Owned of(Ignite ignite, String name, SharedType type, boolean create) {
            IgniteLock lock = lock(ignite, name, create);
            return lock == null ? null : new Owned(name, type, lock);
        }

        @Override
        Object call(String method, Object[] a) throws InterruptedException {
            return calls.call((AcquirerMethod) calls.type().method(method), a);
        }

        @Override
        void destroy() {
            lock.close();
        }
    }
}
