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
     * Cancels the task if it has not started (see {@link AsyncResult#cancel()}); the task's own
     * {@link java.util.concurrent.CancellationException} then completes this future, so
     * {@link #isCancelled()} is true. A task that has started runs on: the result is false and this
     * future completes with the task. {@code mayInterruptIfRunning} changes nothing, since a worker
     * JVM's task cannot be interrupted from here.
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (!result.cancel()) {
            return false;
        }
        // completed on the result thread: make it visible to this caller at once, as the contract wants
        return super.cancel(mayInterruptIfRunning) || isCancelled();
    }
}
