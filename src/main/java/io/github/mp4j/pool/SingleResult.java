package io.github.mp4j.pool;

import io.github.mp4j.AsyncResult;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A job with one result: {@code applyAsync} (one item) and {@code mapAsync} (the list assembled
 * from its chunks, see {@link MapJob}). It is ready after its callback has run, as in Python, so
 * code that waited for the result also sees the callback's effects. Its
 * {@link #toCompletableFuture() future} is made on first request and completed after that, on the
 * result thread, so that stages a caller chains to it never hold up a worker's reply reader.
 */
public class SingleResult<T> extends Job implements AsyncResult<T> {

    private final Consumer<? super T> callback;
    private final Consumer<? super Throwable> errorCallback;
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile T value;
    private volatile Throwable error;
    /* guarded by this; null until asked for */
    private ResultFuture<T> future;

    SingleResult(Dispatcher dispatcher, long number, String kind, int items,
                 Consumer<? super T> callback, Consumer<? super Throwable> errorCallback) {
        super(dispatcher, number, kind, items, dispatcher.resultThread());
        this.callback = callback;
        this.errorCallback = errorCallback;
    }

    @Override
    @SuppressWarnings("unchecked")
    void itemEnded(int index, Outcome outcome) {
        finish((T) outcome.value, outcome.error);
    }

    /** Sets the final value or error; the callback (if any) runs first, on the result thread. */
    final void finish(T result, Throwable failure) {
        if (failure == null ? callback == null : errorCallback == null) {
            settle(result, failure);
            return;
        }
        resultThread.execute(() -> {
            if (failure == null) {
                runCallback(callback, result, name());
            } else {
                runCallback(errorCallback, failure, name());
            }
            settle(result, failure);
        });
    }

    private void settle(T result, Throwable failure) {
        value = result;
        error = failure;
        ready.countDown();
        ResultFuture<T> f;
        synchronized (this) {
            f = future;
        }
        if (f != null) {
            settleLater(f);
        }
    }

    /** Completes {@code f} on the result thread, or here once that thread has ended with the pool. */
    private void settleLater(ResultFuture<T> f) {
        try {
            resultThread.execute(() -> f.settle(value, error));
        } catch (RejectedExecutionException poolFinished) {
            f.settle(value, error);
        }
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        synchronized (this) {
            if (future == null) {
                future = new ResultFuture<>(this);
                if (ready()) {
                    settleLater(future);
                }
            }
            return future;
        }
    }

    @Override
    public boolean cancel() {
        return cancelQueued(true);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return mayInterruptIfRunning ? cancelRunning() : cancel();
    }

    @Override
    public T get() throws Exception {
        await();
        return valueOrThrow();
    }

    @Override
    public T get(Duration timeout) throws Exception {
        if (!await(timeout)) {
            throw new TimeoutException(name() + " is not ready after " + timeout);
        }
        return valueOrThrow();
    }

    private T valueOrThrow() throws Exception {
        Throwable failure = error;
        if (failure == null) {
            return value;
        }
        RemoteFailure.forCaller(failure);
        if (failure instanceof Exception e) {
            throw e;
        }
        throw (Error) failure;
    }

    @Override
    public void await() throws InterruptedException {
        ready.await();
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean ready() {
        return ready.getCount() == 0;
    }

    @Override
    public boolean successful() {
        if (!ready()) {
            throw new IllegalStateException(name() + " not ready");
        }
        return error == null;
    }

    @Override
    public String toString() {
        return "<AsyncResult " + name() + (ready() ? successful() ? " ready" : " failed: " + error : " pending") + ">";
    }
}
