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
     * Cancels the task if no worker has taken it yet (see {@link #cancel(boolean)} to stop it
     * when it runs): it leaves the queue and the result fails with
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
     * Cancels the task whether or not it has started: with {@code mayInterruptIfRunning}, a task a
     * worker holds but has not begun is skipped there, and a running one is
     * {@linkplain Thread#interrupt() interrupted} on its thread in the worker, so a task blocked in
     * {@code sleep}, {@code wait}, a lock or interruptible I/O, or one that checks
     * {@code Thread.interrupted()}, ends at once. A task still running after the pool's grace
     * period ({@link Pool.Builder#cancelGrace}, one second by default) has its worker killed and
     * replaced; nothing else it held is lost (those items run on other workers), and the pool
     * stays usable. For a map, every chunk not yet finished is cancelled. The result fails with a
     * {@link java.util.concurrent.CancellationException} before this returns, never with a
     * {@link WorkerLostError}; its error callback sees it. Without {@code mayInterruptIfRunning}
     * this is {@link #cancel()}.
     *
     * <p>Python cannot do this: its {@code AsyncResult} has no cancel, its executor's
     * {@code Future.cancel()} fails once the call runs, and only {@code terminate()} of the whole
     * pool stops a running task.
     *
     * <pre>{@code
     * AsyncResult<List<Integer>> r = pool.mapAsync(x -> { Thread.sleep(60_000); return x; }, List.of(1, 2, 3));
     * r.cancel(true);                     // true: the sleeping workers are interrupted
     * r.get();                            // throws CancellationException
     * }</pre>
     *
     * @return whether anything was cancelled by this call (false when the task had finished)
     */
    boolean cancel(boolean mayInterruptIfRunning);

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
