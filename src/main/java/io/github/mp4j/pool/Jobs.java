package io.github.mp4j.pool;

import io.github.mp4j.AsyncResult;
import io.github.mp4j.ImapIterator;
import io.github.mp4j.SerializableCallable;
import io.github.mp4j.SerializableFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the pool API's calls into jobs and work items: one item per {@code apply}, chunks for the
 * maps, with Python's default chunk sizes.
 */
public final class Jobs {

    private final Dispatcher dispatcher;

    public Jobs(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    public <T> AsyncResult<T> apply(SerializableCallable<T> task, Consumer<? super T> callback,
                                    Consumer<? super Throwable> errorCallback) {
        return apply(task, callback, errorCallback, false);
    }

    /**
     * As {@link #apply}, refusing at once a task that cannot be sent to a worker instead of
     * failing its result.
     *
     * @throws IllegalArgumentException naming the task's class and why it cannot be sent
     */
    public <T> AsyncResult<T> applyOrRefuse(SerializableCallable<T> task) {
        return apply(task, null, null, true);
    }

    private <T> AsyncResult<T> apply(SerializableCallable<T> task, Consumer<? super T> callback,
                                     Consumer<? super Throwable> errorCallback, boolean refuseUnsendable) {
        dispatcher.checkRunning();
        SingleResult<T> job = new SingleResult<>(dispatcher, dispatcher.nextJobNumber(), "apply", 1,
                callback, errorCallback);
        dispatcher.submit(List.of(WorkItem.call(job, task)), refuseUnsendable);
        return job;
    }

    /** A map; {@code chunksize} 0 means Python's default, about a quarter of an even share per worker. */
    public <A, R> AsyncResult<List<R>> map(SerializableFunction<? super A, ? extends R> fn, Iterable<? extends A> items,
                                           int chunksize, Consumer<? super List<R>> callback,
                                           Consumer<? super Throwable> errorCallback) {
        dispatcher.checkRunning();
        List<A> all = copy(items);
        int size = chunksize > 0 ? chunksize : defaultChunksize(all.size());
        int chunks = all.isEmpty() ? 0 : (all.size() + size - 1) / size;
        long number = dispatcher.nextJobNumber();
        MapJob<R> job = new MapJob<>(dispatcher, number, chunks, callback, errorCallback);
        if (chunks > 0) {
            dispatcher.progress.track(job, all.size(), size);
        }
        dispatcher.submit(chunk(job, new WorkItem.Function(number, fn), all, size));
        return job;
    }

    public <A, R> ImapIterator<R> imap(SerializableFunction<? super A, ? extends R> fn, Iterable<? extends A> items,
                                       int chunksize, boolean ordered) {
        return imap(fn, items, chunksize, ordered, null);
    }

    /**
     * An executor's {@code map}: {@link #imap} in input order whose results are due within
     * {@code timeout} of now (null: no limit); when it passes, chunks not yet started are cancelled.
     */
    public <A, R> ImapIterator<R> mapWithin(SerializableFunction<? super A, ? extends R> fn,
                                            Iterable<? extends A> items, int chunksize, java.time.Duration timeout) {
        return imap(fn, items, chunksize, true, timeout);
    }

    private <A, R> ImapIterator<R> imap(SerializableFunction<? super A, ? extends R> fn, Iterable<? extends A> items,
                                        int chunksize, boolean ordered, java.time.Duration timeout) {
        dispatcher.checkRunning();
        List<A> all = new ArrayList<>();
        Throwable inputError = null;
        try {
            for (A item : items) {
                all.add(item);
            }
        } catch (RuntimeException | Error e) {
            inputError = e;
        }
        long number = dispatcher.nextJobNumber();
        ImapJob<R> job = new ImapJob<>(dispatcher, number, ordered, (all.size() + chunksize - 1) / chunksize,
                inputError, timeout);
        if (!all.isEmpty()) {
            dispatcher.progress.track(job, all.size(), chunksize);
        }
        dispatcher.submit(chunk(job, new WorkItem.Function(number, fn), all, chunksize));
        return job;
    }

    /** The items in a list of our own: a collection in one bulk copy, else one by one. */
    private static <A> List<A> copy(Iterable<? extends A> items) {
        if (items instanceof java.util.Collection<? extends A> collection) {
            return new ArrayList<>(collection);
        }
        List<A> all = new ArrayList<>();
        for (A item : items) {
            all.add(item);
        }
        return all;
    }

    private int defaultChunksize(int items) {
        int share = 4 * dispatcher.processes();
        return Math.max(1, (items + share - 1) / share);
    }

    private static List<WorkItem> chunk(Job job, WorkItem.Function fn, List<?> all, int size) {
        List<WorkItem> chunks = new ArrayList<>();
        for (int start = 0, index = 0; start < all.size(); start += size, index++) {
            chunks.add(WorkItem.chunk(job, index, fn, all.subList(start, Math.min(all.size(), start + size))));
        }
        return chunks;
    }
}
