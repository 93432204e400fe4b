package io.github.mp4j.pool;

import io.github.mp4j.SerializableCallable;
import io.github.mp4j.SerializableFunction;

import java.util.List;

/**
 * One unit a worker runs and answers: a call, or one chunk of a map. Created by the pool's API,
 * prepared by the worker backend on the submitting thread, then owned by the dispatcher until a
 * reply (or the worker's death) completes it.
 */
public final class WorkItem {

    final Job job;
    final int index;
    final SerializableCallable<?> call;
    final Function function;
    final List<?> items;
    /** Set by the dispatcher at submission; unique in its pool. */
    long id;
    /** The backend's prepared form, made on the submitting thread. */
    Prepared prepared;
    /** When the dispatcher handed it to a worker (System.nanoTime). */
    long sentNanos;
    /**
     * Set by the dispatcher when it cancels the item while a worker holds it: its job has had its
     * {@link java.util.concurrent.CancellationException} already, so whatever the worker answers
     * (or its death) completes nothing. Guarded by the dispatcher's lock.
     */
    boolean cancelled;
    /** The workers that died while running it, for retries; null until one did. Dispatcher's lock. */
    List<io.github.mp4j.WorkerLostError.Attempt> lostAttempts;

    private WorkItem(Job job, int index, SerializableCallable<?> call, Function function, List<?> items) {
        this.job = job;
        this.index = index;
        this.call = call;
        this.function = function;
        this.items = items;
    }

    static WorkItem call(Job job, SerializableCallable<?> call) {
        return new WorkItem(job, 0, call, null, null);
    }

    static WorkItem chunk(Job job, int index, Function function, List<?> items) {
        return new WorkItem(job, index, null, function, items);
    }

    /** The call, or the map's function. */
    Object task() {
        return call != null ? call : function.fn;
    }

    /** What to run, for a backend that runs items in this JVM. */
    Work work() {
        return call != null ? Work.call(call) : Work.chunk(function.fn, items);
    }

    /**
     * What this item would have run, as a task for this JVM: what {@code shutdownNow()} hands back
     * for an item it took off the queue. A checked exception reaches its caller wrapped in a
     * {@link java.util.concurrent.CompletionException}.
     */
    Runnable asRunnable() {
        Work work = work();
        return () -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        };
    }

    String label() {
        return job.label(index);
    }

    /**
     * What a backend makes of an item before a worker sends it, one kind per way an item travels:
     * a worker JVM's ({@link JvmWorkers}) and a cluster node's ({@link PortableWork}).
     */
    sealed interface Prepared permits JvmWorkers.Call, JvmWorkers.ShapedCall, JvmWorkers.Chunk, PortableWork.Message {
    }

    /** A map's function, shared by its chunks so that a worker JVM receives it once. */
    static final class Function {
        final long id;
        final SerializableFunction<?, ?> fn;
        /** Its serialized form, made once by the first chunk that needs it. */
        byte[] encoded;
        /** The classes {@link #encoded} names, when a backend asked for them ({@link PortableWork}). */
        java.util.List<Class<?>> named;

        Function(long id, SerializableFunction<?, ?> fn) {
            this.id = id;
            this.fn = fn;
        }
    }
}
