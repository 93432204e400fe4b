package io.github.mp4j.kernel.execution;

/**
 * The stop flag that woven cell code polls: {@link #check()} throws {@link CellInterrupted} in a
 * thread of the cell being stopped, and returns at once otherwise.
 *
 * <p>Why a flag and not {@code Thread.stop}: {@code Thread.stop} is gone on Java 20+, and
 * {@code Thread.interrupt} does not end a busy loop. {@link StopCheckWeaver} inserts a call to
 * {@link #check()} at the start of every method and before every backward jump of the classes
 * JShell compiles, so a loop written in a cell ends within one iteration once the flag is set.
 *
 * <p>The flag is aimed at one thread group (the running cell's); threads that cell code started
 * belong to that group too and are stopped with it, while library threads that happen to run cell
 * code (a pool's result handler, say) are left alone. This class must stay public and on the
 * application class path: woven classes are shipped to child JVMs, which resolve it there and
 * never see the flag set.
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
        if (target != null && target.parentOf(Thread.currentThread().getThreadGroup())) {
            throw new CellInterrupted();
        }
    }

    /** Starts stopping every thread of {@code group} at its next check. */
    static void stop(ThreadGroup group) {
        stopping = group;
    }

    /** Clears the flag, if it still aims at {@code group}; called when that cell has ended. */
    static void clear(ThreadGroup group) {
        if (stopping == group) {
            stopping = null;
        }
    }
}
