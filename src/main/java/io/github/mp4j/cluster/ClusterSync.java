package io.github.mp4j.cluster;

import io.github.mp4j.RemoteError;
import io.github.mp4j.manager.ConditionCalls;
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

    /** Makes the data structures of a new {@code typeid} object. */
    static void create(Ignite ignite, long id, String typeid, Object[] args) {
        of(ignite, id, typeid, args);
    }

    /** This JVM's handle on an existing object. */
    static ClusterSync open(Ignite ignite, long id, String typeid) {
        return of(ignite, id, typeid, null);
    }

    /** Opens the object, or creates it when {@code args} (the factory's arguments) are given. */
    private static ClusterSync of(Ignite ignite, long id, String typeid, Object[] args) {
        String name = "mp4j-" + id;
        boolean create = args != null;
        ClusterSync sync = switch (typeid) {
            case "Lock" -> Permits.of(ignite, name, typeid, create ? 1 : -1, null);
            case "Semaphore", "BoundedSemaphore" -> {
                int value = create ? (Integer) args[0] : -1;
                if (create && value < 0) {
                    throw new IllegalArgumentException("semaphore initial value must be >= 0");
                }
                IgniteAtomicLong bound = typeid.equals("Semaphore") ? null : ignite.atomicLong(name + "-bound", value, create);
                if (bound == null && typeid.equals("BoundedSemaphore")) {
                    throw IgniteStore.missing(id);
                }
                yield Permits.of(ignite, name, typeid, value, bound);
            }
            case "RLock", "Condition" -> Owned.of(ignite, name, typeid, create);
            case "Event" -> ClusterEvent.of(ignite, name, create);
            case "Queue" -> ClusterQueue.of(ignite, name, create ? (Integer) args[0] : -1);
            case "Barrier" -> ClusterBarrier.of(ignite, name, create ? (Integer) args[0] : -1);
            default -> throw new IllegalArgumentException("not a synchronization type: " + typeid);
        };
        if (sync == null) {
            throw IgniteStore.missing(id);
        }
        return sync;
    }

    static RemoteError notExposed(String type, String method) {
        return new RemoteError("method '" + method + "' is not exposed by " + type);
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

        private final String type;
        private final IgniteSemaphore permits;
        /** A BoundedSemaphore's initial value, kept in the cluster for every JVM to read once. */
        private final IgniteAtomicLong boundHolder;
        /** The most permits there may be; -1 for an unbounded semaphore. */
        private final int bound;

        private Permits(String name, String type, IgniteSemaphore permits, IgniteAtomicLong boundHolder) {
            super(name);
            this.type = type;
            this.permits = permits;
            this.boundHolder = boundHolder;
            this.bound = type.equals("Lock") ? 1 : boundHolder == null ? -1 : (int) boundHolder.get();
        }

        /** Opens the semaphore, or makes it with {@code value} permits if that is at least 0. */
        static Permits of(Ignite ignite, String name, String type, int value, IgniteAtomicLong boundHolder) {
            IgniteSemaphore s = ignite.semaphore(name, Math.max(0, value), true, value >= 0);
            return s == null ? null : new Permits(name, type, s, boundHolder);
        }

        @Override
        Object call(String method, Object[] a) {
            return switch (method) {
                case "acquire" -> (Boolean) a[0] ? acquire(nanos(a[1])) : permits.tryAcquire();
                case "release" -> {
                    if (bound >= 0 && permits.availablePermits() >= bound) {
                        throw new IllegalStateException(type.equals("Lock") ? "release unlocked lock"
                                : "Semaphore released too many times");
                    }
                    permits.release();
                    yield null;
                }
                case "toString" -> type.equals("Lock")
                        ? "<Lock(" + (permits.availablePermits() == 0 ? "locked" : "unlocked") + ")>"
                        : "<" + type + "(value=" + permits.availablePermits() + ")>";
                default -> throw notExposed(type, method);
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

        private Owned(String name, String type, IgniteLock lock) {
            super(name);
            this.lock = lock;
            this.calls = new ConditionCalls(type, lock,
                    type.equals("Condition") ? lock.getOrCreateCondition("condition") : null,
                    lock::isHeldByCurrentThread, lock::isLocked);
        }

        static Owned of(Ignite ignite, String name, String type, boolean create) {
            IgniteLock lock = lock(ignite, name, create);
            return lock == null ? null : new Owned(name, type, lock);
        }

        @Override
        Object call(String method, Object[] a) throws InterruptedException {
            return calls.call(method, a);
        }

        @Override
        void destroy() {
            lock.close();
        }
    }
}
