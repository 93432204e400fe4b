package io.github.mp4j.pool;

import java.io.EOFException;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * A worker JVM's side of cancelling ({@code AsyncResult.cancel(true)}): the pool names items on a
 * control pipe of their own ({@link WorkCodec#INTERRUPT}), read by a daemon thread here, so the
 * task loop reads its work pipe as before and pays nothing while nothing is cancelled. An item
 * named while it runs has its thread interrupted; one named before it starts is skipped when its
 * turn comes.
 *
 * <pre>{@code
 * TaskInterrupts interrupts = TaskInterrupts.listen(control);   // on the task thread
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

    /** Interrupts for the calling (task) thread, read from {@code control} until it closes. */
    static TaskInterrupts listen(PrivateEnd control) {
        TaskInterrupts interrupts = new TaskInterrupts(Thread.currentThread());
        Thread reader = new Thread(() -> {
            try {
                while (true) {
                    interrupts.cancel(WorkCodec.interruptedId(control.recv()));
                }
            } catch (EOFException poolGone) {
                // the pool closed its end: this worker is ending
            } catch (IOException e) {
                System.err.println("mp4j: pool worker lost its control pipe, cancelling stops working: " + e);
            }
        }, "mp4j-worker-interrupts");
        reader.setDaemon(true);
        reader.start();
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
