package io.github.mp4j;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The result of a task submitted with {@link Pool#applyAsync} or {@link Pool#mapAsync}. Python's
 * {@code multiprocessing.pool.AsyncResult}.
 *
 * <pre>{@code
 * AsyncResult<Integer> r = pool.applyAsync(() -> 6 * 7);
 * r.await(Duration.ofSeconds(5));   // true once ready
 * int answer = r.get();             // 42
 * }</pre>
 *
 * <p>A result is ready once its task has finished and its callback (if any) has run. It never
 * waits forever on a lost worker: when the worker running the task dies, the result fails with a
 * {@link WorkerLostError}; when the pool is terminated first, with a
 * {@link java.util.concurrent.CancellationException}.
 *
 * @param <T> the task's result type
 */
public interface AsyncResult<T> {

    /**
     * Waits until the result is ready and returns it.
     *
     * @throws Exception the task's own exception, with its type and message intact; when it was
     *         raised in a worker JVM its cause is a {@link RemoteTraceback} holding the worker's
     *         stack trace. Also {@link WorkerLostError} (the worker died),
     *         {@link java.util.concurrent.CancellationException} (the pool was terminated),
     *         {@link java.io.NotSerializableException} (the task, an argument or the result could
     *         not be serialized), {@link InterruptedException} (this thread was interrupted)
     */
    T get() throws Exception;

    /**
     * As {@link #get()}, waiting at most {@code timeout}.
     *
     * @throws TimeoutException if the result is not ready in time (Python's
     *         {@code multiprocessing.TimeoutError}); the task goes on
     */
    T get(Duration timeout) throws Exception;

    /** Waits until the result is ready. Python's {@code wait()}. */
    void await() throws InterruptedException;

    /**
     * Waits at most {@code timeout} until the result is ready.
     *
     * @return whether it is ready
     */
    boolean await(Duration timeout) throws InterruptedException;

    /** Whether the task has finished (successfully or not) and its callback has run. */
    boolean ready();

    /**
     * Whether the task finished without an exception.
     *
     * @throws IllegalStateException if the result is not ready yet (Python's ValueError)
     */
    boolean successful();
}
