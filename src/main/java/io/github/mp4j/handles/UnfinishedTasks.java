package io.github.mp4j.handles;

import java.io.IOException;
import java.io.Serializable;

/**
 * The count of a joinable queue's unfinished tasks, in {@link SharedMemory} so that every process
 * holding the queue sees one count: {@code put} adds a task, {@code task_done} finishes one, and
 * {@code join} waits for none to be left.
 *
 * <p>Every change is one atomic update of the word, so no process ever holds anything while it
 * counts or waits: a process that dies anywhere in {@code join} or {@code taskDone} leaves the count
 * consistent, and {@code join} waiters poll it with {@link Backoff}. A task whose consumer died
 * before finishing it stays unfinished, as in Python.
 */
public final class UnfinishedTasks implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Python's {@code ValueError} text, for every joinable queue of mp4j (local, managed, cluster). */
    public static final String TOO_MANY = "task_done() called too many times";

    private static final int COUNT = 0;

    private final SharedMemory memory;

    private UnfinishedTasks(SharedMemory memory) {
        this.memory = memory;
    }

    /** A count at zero. */
    public static UnfinishedTasks create() throws IOException {
        return new UnfinishedTasks(SharedMemory.create(8));
    }

    /** Counts one more task; call before its item becomes visible to consumers. */
    public void add() {
        memory.getAndAdd(COUNT, 1);
    }

    /** Takes back an {@link #add()} whose item never became visible. */
    public void undoAdd() {
        memory.getAndAdd(COUNT, -1);
    }

    /**
     * Finishes one task.
     *
     * @throws IllegalStateException {@value #TOO_MANY} if no task is unfinished
     */
    public void done() {
        while (true) {
            long left = memory.get(COUNT);
            if (left <= 0) {
                throw new IllegalStateException(TOO_MANY);
            }
            if (memory.compareAndSet(COUNT, left, left - 1)) {
                return;
            }
        }
    }

    /** Tasks added and not yet done, in every process. */
    public long count() {
        return memory.get(COUNT);
    }

    /**
     * Waits at most {@code timeoutNanos} (negative: without bound) until no task is unfinished.
     *
     * @return false if tasks were still unfinished when the wait ended
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public boolean awaitNone(long timeoutNanos) throws InterruptedException {
        Backoff backoff = Backoff.forTimeout(timeoutNanos);
        while (memory.get(COUNT) > 0) {
            if (!backoff.pause()) {
                return memory.get(COUNT) <= 0;
            }
        }
        return true;
    }
}
