package io.github.mp4j.pool;

import io.github.mp4j.AsyncResult;

import java.util.concurrent.CompletableFuture;

/**
 * The {@link CompletableFuture} of a pool result ({@link AsyncResult#toCompletableFuture()}, and
 * what {@code ProcessPoolExecutor.submit} returns): completed when the result settles, and
 * cancelled the way a pool task can be, that is only before it has started.
 */
final class ResultFuture<T> extends CompletableFuture<T> {

    private final AsyncResult<T> result;

    ResultFuture(AsyncResult<T> result) {
        this.result = result;
    }

    void settle(T value, Throwable error) {
        if (error == null) {
            complete(value);
        } else {
            completeExceptionally(error);
        }
    }

    /**
     * {@link AsyncResult#cancel(boolean)}: cancels the task if it has not started, and with
     * {@code mayInterruptIfRunning} also if it runs (interrupted in its worker, which is replaced
     * if the task outlasts the pool's grace period); the task's own
     * {@link java.util.concurrent.CancellationException} then completes this future, so
     * {@link #isCancelled()} is true. Otherwise (too late) the result is false and this future
     * completes with the task.
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (!result.cancel(mayInterruptIfRunning)) {
            return false;
        }
        // completed on the result thread: make it visible to this caller at once, as the contract wants
        return super.cancel(mayInterruptIfRunning) || isCancelled();
    }
}
