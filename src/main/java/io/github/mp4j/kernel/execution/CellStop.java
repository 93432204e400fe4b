package io.github.mp4j.kernel.execution;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The stop flag that woven cell code polls: {@link #check()} throws {@link CellInterrupted} in a
 * thread of the cell being stopped, and returns at once otherwise.
 *
 * <p>Why a flag and not {@code Thread.stop}: {@code Thread.stop} is gone on Java 20+, and
 * {@code Thread.interrupt} does not end a busy loop. {@link StopCheckWeaver} inserts a call to
 * {@link #check()} at the start of every method and before every backward jump of the classes
 * JShell compiles, so a loop written in a cell ends within one iteration once the flag is set.
 *
 * <p>The flag is aimed at the interrupted cell: the threads of its thread group (its snippet
 * thread and every thread started from it) and the workers of the common {@code ForkJoinPool}
 * (which run a cell's parallel streams). Other threads that happen to run cell code, such as a
 * library's callback thread created before the cell, are left alone. The flag stays raised until
 * the next cell starts, not just until the interrupted snippet returns, because a descheduled
 * worker may reach its next check only later. This class must stay public and on the application
 * class path: woven classes are shipped to child JVMs, which resolve it there and never see the
 * flag raised.
 */
public final class CellStop {

    /** The group being stopped, or null when nothing is being stopped. */
    private static volatile ThreadGroup stopping;

    private CellStop() {}

    /**
     * Returns normally unless the calling thread belongs to the thread group being stopped; then
     * throws {@link CellInterrupted}. Called by woven cell code; cheap when nothing is stopped.
     */
    public static void check() {
        ThreadGroup target = stopping;
        if (target != null && isTarget(target, Thread.currentThread())) {
            throw new CellInterrupted();
        }
    }

    private static boolean isTarget(ThreadGroup target, Thread thread) {
        return target.parentOf(thread.getThreadGroup())
                || (thread instanceof ForkJoinWorkerThread worker && worker.getPool() == ForkJoinPool.commonPool());
    }

    /** Starts stopping every thread of {@code group} at its next check. */
    static void stop(ThreadGroup group) {
        stopping = group;
    }

    /** Lowers the flag; called when the next cell starts. */
    static void clear() {
        stopping = null;
    }
}
