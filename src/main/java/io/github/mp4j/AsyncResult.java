package io.github.mp4j;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * The result of a task submitted with {@link Pool#applyAsync} or {@link Pool#mapAsync}. Python's
 * {@code multiprocessing.pool.AsyncResult}.
 *
 * <pre>{@code
 * AsyncResult<Integer> r = pool.applyAsync(() -> 6 * 7);
 * r.await(Duration.ofSeconds(5));   // true once ready
 * int answer = r.get();             // 42
 *
 * CompletableFuture<Integer> doubled = pool.applyAsync(() -> 21).toCompletableFuture().thenApply(x -> x * 2);
 * CompletableFuture.allOf(doubled, pool.applyAsync(() -> 1).toCompletableFuture()).orTimeout(5, TimeUnit.SECONDS).join();
 * }</pre>
 *
 * <p>A result is ready once its task has finished and its callback (if any) has run. It never
 * waits forever on a lost worker: when the worker running the task dies, the result fails with a
 * {@link WorkerLostError}; when the pool is terminated first, with a
 * {@link java.util.concurrent.CancellationException}, as when it is {@link #cancel() cancelled}
 * before it started.
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

    /**
     * Cancels the task if no worker has taken it yet: it leaves the queue and the result fails with
     * a {@link java.util.concurrent.CancellationException}, which its error callback (if any) and
     * its {@link #toCompletableFuture() future} see too. Python's {@code Future.cancel()}: a task
     * that has started (or finished) cannot be cancelled, and this returns false. A map is
     * cancelled only while none of its chunks has started.
     *
     * <p>A task counts as started once it is handed to a worker, which may be a little before the
     * worker runs it (a worker holds a few items ahead when the queue is long).
     *
     * @return whether the task was cancelled by this call
     */
    boolean cancel();

    /**
     * This result as a {@link CompletableFuture}, completed with the value or the exception
     * {@link #get()} gives (without the {@link java.util.concurrent.ExecutionException} wrapper
     * that the future's own {@code get()} adds): so {@code thenApply}, {@code allOf} and
     * {@code orTimeout} work on pool results. Every call returns the same future.
     *
     * <p>The future is completed after the result is ready (after its callback has run), on the
     * pool's result thread: stages chained to it without {@code Async} run there, one at a time,
     * so keep them short or use the {@code ...Async} forms. Its {@code cancel(boolean)} is
     * {@link #cancel()}: it succeeds only before the task has started. Completing the future
     * yourself ({@code complete}, {@code obtrudeValue}) changes only the future, not the task.
     */
    CompletableFuture<T> toCompletableFuture();
}
