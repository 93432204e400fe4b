package io.github.mp4j.cluster;

import io.github.mp4j.Queue;
import io.github.mp4j.handles.UnfinishedTasks;
import io.github.mp4j.manager.QueueSizeCalls;
import io.github.mp4j.manager.SharedType;
import io.github.mp4j.manager.SharedType.QueueMethod;
import io.github.mp4j.wire.ObjectCodec;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteAtomicLong;
import org.apache.ignite.IgniteCondition;
import org.apache.ignite.IgniteLock;
import org.apache.ignite.IgniteQueue;
import org.apache.ignite.configuration.CollectionConfiguration;

import java.util.concurrent.TimeUnit;

/**
 * A Queue of {@link IgniteStore}: Python's {@code queue.Queue} over an {@code IgniteQueue} of items
 * serialized by mp4j (so server nodes need no user class), a count of unfinished tasks, and a lock
 * whose condition wakes {@code join} when the count reaches 0. A put counts its task before the
 * item becomes visible, so a fast consumer's {@code taskDone} never finds the count at 0.
 */
final class ClusterQueue extends ClusterSync {

    private final IgniteQueue<byte[]> items;
    private final IgniteAtomicLong unfinished;
    private final IgniteLock lock;
    private final IgniteCondition finished;

    private ClusterQueue(String name, IgniteQueue<byte[]> items, IgniteAtomicLong unfinished, IgniteLock lock) {
        super(name);
        this.items = items;
        this.unfinished = unfinished;
        this.lock = lock;
        this.finished = lock.getOrCreateCondition("finished");
    }

    /** Opens the queue, or makes one holding at most {@code maxsize} items (0: no bound) if that is at least 0. */
    static ClusterQueue of(Ignite ignite, String name, int maxsize) {
        boolean create = maxsize >= 0;
        IgniteQueue<byte[]> items = ignite.queue(name, Math.max(0, maxsize),
                create ? new CollectionConfiguration().setBackups(1) : null);
        IgniteAtomicLong unfinished = ignite.atomicLong(name + "-unfinished", 0, create);
        IgniteLock lock = lock(ignite, name, create);
        return items == null || unfinished == null || lock == null ? null
                : new ClusterQueue(name, items, unfinished, lock);
    }

    @Override
    Object call(String method, Object[] a) throws Exception {
        QueueMethod m = (QueueMethod) SharedType.QUEUE.method(method);
        return switch (m) {
            case qsize, empty, full, toString -> QueueSizeCalls.answer(m, items.size(), items.bounded() ? items.capacity() : 0);
            case put -> {
                put(ObjectCodec.serialize(a[0]), (Boolean) a[1], nanos(a[2]));
                yield null;
            }
            case get -> {
                long n = nanos(a[1]);
                byte[] item = !(Boolean) a[0] ? items.poll() : n < 0 ? items.take() : items.poll(n, TimeUnit.NANOSECONDS);
                if (item == null) {
                    throw new Queue.Empty();
                }
                yield ObjectCodec.deserialize(item);
            }
            case taskDone -> {
                taskDone();
                yield null;
            }
            case join -> {
                lock.lockInterruptibly();
                try {
                    while (unfinished.get() > 0) {
                        finished.await();
                    }
                } finally {
                    lock.unlock();
                }
                yield null;
            }
        };
    }

    private void put(byte[] item, boolean block, long nanos) throws Queue.Full {
        unfinished.incrementAndGet();
        boolean put = false;
        try {
            if (!block) {
                put = items.offer(item);
            } else if (nanos < 0) {
                items.put(item);
                put = true;
            } else {
                put = items.offer(item, nanos, TimeUnit.NANOSECONDS);
            }
        } finally {
            if (!put) {
                taskDone();
            }
        }
        if (!put) {
            throw new Queue.Full();
        }
    }

    private void taskDone() {
        long left;
        do {
            left = unfinished.get();
            if (left <= 0) {
                throw new IllegalStateException(UnfinishedTasks.TOO_MANY);
            }
        } while (!unfinished.compareAndSet(left, left - 1));
        if (left == 1) {
            lock.lock();
            try {
                finished.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    void destroy() {
        items.close();
        unfinished.close();
        lock.close();
    }
}
