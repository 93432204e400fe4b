package io.github.mp4j;

import java.io.Serializable;
import java.time.Duration;

/**
 * A FIFO queue that lives in a {@link Manager}'s process. Python's {@code manager.Queue(maxsize)}
 * (a {@code queue.Queue} in the server), with {@code task_done}/{@code join}.
 *
 * <pre>{@code
 * QueueProxy<String> q = manager.queue(2);
 * q.put("a"); q.put("b");
 * q.full();                                   // true
 * q.get();                                    // "a"
 * }</pre>
 *
 * Items are any serializable objects, null included, as with {@link Queue}. Unlike {@link Queue},
 * the proxy can be sent anywhere (a pipe message, another queue), since it
 * only names the queue. Failures: see {@link Manager}.
 */
public interface QueueProxy<E> extends Serializable {

    /** Adds {@code item}, waiting while the queue is full. */
    void put(E item) throws InterruptedException;

    /**
     * Adds {@code item}, waiting at most {@code timeout} while the queue is full.
     *
     * @throws Queue.Full if it is still full after the timeout
     */
    void put(E item, Duration timeout) throws InterruptedException, Queue.Full;

    /** Adds {@code item} only if there is room now. */
    void putNowait(E item) throws InterruptedException, Queue.Full;

    /** Removes and returns the oldest item, waiting while the queue is empty. */
    E get() throws InterruptedException;

    /**
     * Removes and returns the oldest item, waiting at most {@code timeout}.
     *
     * @throws Queue.Empty if it is still empty after the timeout
     */
    E get(Duration timeout) throws InterruptedException, Queue.Empty;

    /** Removes and returns the oldest item only if there is one now. */
    E getNowait() throws InterruptedException, Queue.Empty;

    int qsize();

    boolean empty();

    boolean full();

    /**
     * Marks one item taken by {@code get} as processed.
     *
     * @throws IllegalStateException "task_done() called too many times"
     */
    void taskDone();

    /** Waits until every item put has been marked done by {@link #taskDone()}. */
    void join() throws InterruptedException;
}
