package io.github.mp4j.conformance;

import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Queue;
import io.github.mp4j.QueueProxy;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Python's queue interface, as CPython's {@code _TestQueue} uses it on {@code multiprocessing.Queue}
 * and on a manager's queue alike; so one test body runs against mp4j's {@link Queue} and
 * {@link QueueProxy}. Travels into a child as the queue it wraps does.
 */
interface SharedQueue extends Serializable {

    void put(Object item) throws Exception;

    /** Python's {@code put(item, block, timeout)}; a null timeout waits without bound. */
    void put(Object item, boolean block, Duration timeout) throws Exception;

    void putNowait(Object item) throws Exception;

    /** Python's {@code get(block, timeout)}; a null timeout waits without bound. */
    Object get(boolean block, Duration timeout) throws Exception;

    Object getNowait() throws Exception;

    int qsize();

    boolean empty();

    boolean full();

    /** For a joinable queue: marks one item done. */
    void taskDone();

    /** For a joinable queue: waits at most {@code timeout} until every item is done. */
    boolean join(Duration timeout) throws Exception;

    /** Closes this process's end ({@link Queue#close()}); a proxy has nothing to close. */
    void close();

    /** {@link Queue} and {@link JoinableQueue} (whose task counting {@code taskDone} and {@code join} need). */
    record Local(Queue queue) implements SharedQueue {
        @Override
        public void put(Object item) throws Exception {
            queue.put(item);
        }

        @Override
        public void put(Object item, boolean block, Duration timeout) throws Exception {
            queue.put(item, block, timeout);
        }

        @Override
        public void putNowait(Object item) throws Exception {
            queue.putNowait(item);
        }

        @Override
        public Object get(boolean block, Duration timeout) throws Exception {
            return queue.get(block, timeout);
        }

        @Override
        public Object getNowait() throws Exception {
            return queue.getNowait();
        }

        @Override
        public int qsize() {
            return queue.qsize();
        }

        @Override
        public boolean empty() {
            return queue.empty();
        }

        @Override
        public boolean full() {
            return queue.full();
        }

        @Override
        public void taskDone() {
            ((JoinableQueue) queue).taskDone();
        }

        @Override
        public boolean join(Duration timeout) throws Exception {
            return ((JoinableQueue) queue).join(timeout);
        }

        @Override
        public void close() {
            queue.close();
        }
    }

    /** A manager's queue, Python's {@code manager.Queue()}, which is joinable as well. */
    record Proxy(QueueProxy<Object> queue) implements SharedQueue {
        @Override
        public void put(Object item) throws Exception {
            queue.put(item);
        }

        @Override
        public void put(Object item, boolean block, Duration timeout) throws Exception {
            if (!block) {
                queue.putNowait(item);
            } else if (timeout == null) {
                queue.put(item);
            } else {
                queue.put(item, timeout);
            }
        }

        @Override
        public void putNowait(Object item) throws Exception {
            queue.putNowait(item);
        }

        @Override
        public Object get(boolean block, Duration timeout) throws Exception {
            return !block ? queue.getNowait() : timeout == null ? queue.get() : queue.get(timeout);
        }

        @Override
        public Object getNowait() throws Exception {
            return queue.getNowait();
        }

        @Override
        public int qsize() {
            return queue.qsize();
        }

        @Override
        public boolean empty() {
            return queue.empty();
        }

        @Override
        public boolean full() {
            return queue.full();
        }

        @Override
        public void taskDone() {
            queue.taskDone();
        }

        @Override
        public boolean join(Duration timeout) throws Exception {
            // the proxy's join has no timeout: bound it from outside
            CompletableFuture<Void> joined = CompletableFuture.runAsync(() -> {
                try {
                    queue.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try {
                joined.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (java.util.concurrent.TimeoutException e) {
                joined.cancel(true);
                return false;
            }
        }

        @Override
        public void close() {
        }
    }

}
