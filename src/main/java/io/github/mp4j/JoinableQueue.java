package io.github.mp4j;

import io.github.mp4j.handles.Backoff;
import io.github.mp4j.handles.QueuePipe;
import io.github.mp4j.handles.UnfinishedTasks;

import java.io.IOException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * A {@link Queue} that also counts unfinished tasks: every {@code put} adds one, every
 * {@link #taskDone()} finishes one, and {@link #join()} waits, in any process, until none is left.
 * Python's {@code multiprocessing.JoinableQueue}.
 *
 * <pre>{@code
 * JoinableQueue work = new JoinableQueue();
 * Process worker = new Process(() -> {
 *     while (true) {
 *         Object job = work.get();
 *         System.out.println("done " + job);
 *         work.taskDone();
 *     }
 * });
 * worker.setDaemon(true);
 * worker.start();
 * for (int i = 0; i < 10; i++) work.put(i);
 * work.join();                                  // every job has been marked done
 * }</pre>
 *
 * <p>The count lives in shared memory and changes by single atomic updates, so nothing is held
 * while a process counts or waits: a process killed in {@code join} or {@code taskDone} disturbs
 * nobody. A consumer killed after {@code get} and before {@code taskDone} leaves its task
 * unfinished for good, so {@code join()} then waits forever, as in Python; {@link #join(Duration)}
 * (not in Python) bounds that wait. {@code join} waiters poll the count like {@link Event} waiters
 * poll their flag. Everything else, including travelling into children and the rules for dead
 * lock holders, is {@link Queue}'s.
 */
public final class JoinableQueue extends Queue {

    private static final long serialVersionUID = 1L;

    private final transient UnfinishedTasks tasks;

    /** An unbounded joinable queue. */
    public JoinableQueue() {
        this(0);
    }

    /**
     * A joinable queue holding at most {@code maxsize} items; zero or negative means unbounded.
     *
     * @throws UncheckedIOException if the pipe or shared memory cannot be created
     */
    public JoinableQueue(int maxsize) {
        this(maxsize, newPipe(), newTasks());
    }

    private JoinableQueue(int maxsize, QueuePipe pipe, UnfinishedTasks tasks) {
        super(maxsize, pipe);
        this.tasks = tasks;
    }

    private static UnfinishedTasks newTasks() {
        try {
            return UnfinishedTasks.create();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create shared memory for a queue: " + e.getMessage(), e);
        }
    }

    /** Counts the task before its item can reach a consumer, whose {@code taskDone} must find it. */
    @Override
    boolean putItem(Object item, long timeoutNanos) throws IOException, InterruptedException {
        tasks.add();
        boolean put = false;
        try {
            put = super.putItem(item, timeoutNanos);
            return put;
        } finally {
            if (!put) {
                tasks.undoAdd();
            }
        }
    }

    /**
     * Marks one task done: call once for each item taken with {@code get}, when its work is
     * finished. Python's {@code task_done}.
     *
     * @throws IllegalStateException "task_done() called too many times" if no task is unfinished
     *         (Python raises {@code ValueError})
     */
    public void taskDone() {
        tasks.done();
    }

    /**
     * Waits as long as it takes for every task put, by any process, to be marked done.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public void join() throws InterruptedException {
        tasks.awaitNone(-1);
    }

    /**
     * Waits at most {@code timeout} (negative counts as zero) for every task to be marked done.
     * Not in Python.
     *
     * @return false if tasks were still unfinished when the timeout passed
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public boolean join(Duration timeout) throws InterruptedException {
        return tasks.awaitNone(Backoff.nanos(timeout));
    }

    /** Tasks put and not yet marked done, in every process; approximate while others work. Not in Python. */
    public long unfinishedTasks() {
        return tasks.count();
    }

    /* ---------------- travelling into a child ---------------- */

    private Object writeReplace() throws ObjectStreamException {
        return new Ref(maxsize(), travellingPipe("JoinableQueue"), tasks);
    }

    private static final class Ref implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int maxsize;
        private final QueuePipe.Reference pipe;
        private final UnfinishedTasks tasks;

        Ref(int maxsize, QueuePipe.Reference pipe, UnfinishedTasks tasks) {
            this.maxsize = maxsize;
            this.pipe = pipe;
            this.tasks = tasks;
        }

        private Object readResolve() throws ObjectStreamException {
            return new JoinableQueue(maxsize, pipe.reopen(), tasks);
        }
    }
}
