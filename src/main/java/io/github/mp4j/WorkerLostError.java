package io.github.mp4j;

/**
 * The failure of a pool task whose worker JVM died while it held the task (an exit, a signal, an
 * out-of-memory error). The pool replaces the worker and goes on; in Python the same event leaves
 * {@code get()} waiting forever. A {@link ProcessPoolExecutor} does the same (its future fails with
 * this as the cause), where Python's executor raises {@code BrokenProcessPool} for every pending
 * future and accepts no more work.
 *
 * <pre>{@code
 * try {
 *     pool.apply(() -> { System.exit(3); return 0; });
 * } catch (WorkerLostError e) {
 *     System.out.println(e.pid() + " exited with " + e.exitCode());   // 3
 * }
 * }</pre>
 */
public class WorkerLostError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long pid;
    private final Integer exitCode;

    /**
     * @param exitCode the worker's exit code in {@link Process#exitCode()}'s convention (minus the
     *        signal number when a signal ended it), or null when it could not be read
     */
    public WorkerLostError(String worker, long pid, Integer exitCode, String task) {
        super("worker " + worker + " (pid " + pid + ") " + (exitCode == null ? "died"
                : exitCode < 0 ? "was killed by signal " + -exitCode + " (exit code " + exitCode + ")"
                : "exited with code " + exitCode) + " while running " + task);
        this.pid = pid;
        this.exitCode = exitCode;
    }

    /** The dead worker's process id. */
    public long pid() {
        return pid;
    }

    /** The dead worker's exit code, or null when it could not be read. */
    public Integer exitCode() {
        return exitCode;
    }
}
