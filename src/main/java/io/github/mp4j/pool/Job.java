package io.github.mp4j.pool;

import java.util.concurrent.Executor;

/**
 * What one call of the pool's API submitted: one work item ({@code apply}) or several chunks
 * ({@code map}, {@code imap}). Items complete in any order, on the threads that read workers'
 * replies; a job with callbacks hands its final step to the pool's result thread, so callbacks
 * run in this JVM, one at a time, never in a worker.
 */
public abstract class Job {

    final Dispatcher dispatcher;
    final long number;
    final String kind;
    final int items;
    final Executor resultThread;
    /**
     * The group of the thread that submitted it, so that interrupting a kernel cell can cancel what
     * the cell's threads submitted ({@link Dispatcher#cancelSubmittedFrom}).
     */
    final ThreadGroup submitter = Thread.currentThread().getThreadGroup();
    /** A map's progress ({@link JobProgress}); null for {@code apply}, which reports none. */
    JobProgress progress;

    Job(Dispatcher dispatcher, long number, String kind, int items, Executor resultThread) {
        this.dispatcher = dispatcher;
        this.number = number;
        this.kind = kind;
        this.items = items;
        this.resultThread = resultThread;
    }

    /**
     * Records how item {@code index} ended: in the job's progress first, so a listener hears the
     * last item before the result is ready, then in the result. Called once per item, from any thread.
     */
    final void complete(int index, Outcome outcome) {
        JobProgress p = progress;
        if (p != null) {
            p.ended(index, outcome.failed());
        }
        itemEnded(index, outcome);
    }

    /** Takes in how item {@code index} ended. */
    abstract void itemEnded(int index, Outcome outcome);

    /**
     * Takes this job's items off the queue if none has started ({@code allOrNothing}), or whichever
     * have not; they complete with a {@link java.util.concurrent.CancellationException}.
     *
     * @return whether any item was cancelled
     */
    boolean cancelQueued(boolean allOrNothing) {
        return !dispatcher.cancel(this, allOrNothing).isEmpty();
    }

    /**
     * Cancels every item of this job that has not finished, started or not: queued ones never run,
     * running ones are interrupted in their worker, which is replaced if they outlast the pool's
     * grace period. Each fails with a {@link java.util.concurrent.CancellationException} before this
     * returns.
     *
     * @return whether any item was cancelled
     */
    boolean cancelRunning() {
        return dispatcher.cancelRunning(job -> job == this) > 0;
    }

    /** The job's name in messages, e.g. {@code apply #7}. */
    String name() {
        return kind + " #" + number;
    }

    /** The label the pool's state shows for item {@code index}, e.g. {@code map #3 chunk 2/8}. */
    String label(int index) {
        return label(kind, number, items, index);
    }

    /** {@link #label(int)} from a job's parts, for records that must not keep the job. */
    static String label(String kind, long number, int items, int index) {
        return items == 1 ? kind + " #" + number : kind + " #" + number + " chunk " + (index + 1) + "/" + items;
    }

    /** Runs a user callback, reporting (never propagating) what it throws. */
    static <T> void runCallback(java.util.function.Consumer<T> callback, T argument, String job) {
        try {
            callback.accept(argument);
        } catch (Throwable t) {
            System.err.println("mp4j: a callback of " + job + " raised an exception; the pool goes on:");
            t.printStackTrace();
        }
    }
}
