package io.github.mp4j.pool;

import java.util.HashSet;
import java.util.Set;

/**
 * A worker JVM's side of cancelling ({@code AsyncResult.cancel(true)}): the pool names items on the
 * control channel the worker's JVM has anyway ({@code ChildJvm#interrupt}), whose reader thread hands
 * them here, so the task loop reads its work pipe as before and a worker pays for no pipe or thread
 * of its own (the control pipe and reader thread it had cost each worker start some CPU). An item
 * named while it runs has its thread interrupted; one named before it starts is skipped when its
 * turn comes.
 *
 * <pre>{@code
 * TaskInterrupts interrupts = TaskInterrupts.listen();   // on the task thread
 * if (interrupts.starting(id)) {
 *     try { run(); } finally { interrupts.finished(); }
 * } else {
 *     answerCancelled(id);
 * }
 * }</pre>
 *
 * <p>The monitor of this object guards which item runs, so an interrupt lands only while the item
 * it names runs: {@link #finished()} clears the thread's interrupt status under it, and a late
 * interrupt for an item already done is never delivered to the next one. A name that arrives after
 * its item was answered stays in {@link #cancelled} (the pool ignores that answer anyway); it costs
 * a few bytes per such race.
 */
final class TaskInterrupts {

    private final Thread taskThread;
    /* guarded by this */
    private long running = -1;
    private final Set<Long> cancelled = new HashSet<>();

    TaskInterrupts(Thread taskThread) {
        this.taskThread = taskThread;
    }

    /** Interrupts for the calling (task) thread, as the parent names them to this child JVM. */
    static TaskInterrupts listen() {
        TaskInterrupts interrupts = new TaskInterrupts(Thread.currentThread());
        io.github.mp4j.spawn.ChildMain.onInterrupt(interrupts::cancel);
        return interrupts;
    }

    synchronized void cancel(long id) {
        if (id == running) {
            taskThread.interrupt();
        } else {
            cancelled.add(id);
        }
    }

    /** Called before item {@code id} runs: whether to run it (false: it was cancelled). */
    synchronized boolean starting(long id) {
        if (cancelled.remove(id)) {
            return false;
        }
        running = id;
        return true;
    }

    /** Called on the task thread after the item: a later interrupt cannot reach the next one. */
    synchronized void finished() {
        running = -1;
        Thread.interrupted();
    }
}
