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
 *
 * <p>With {@link Pool.Builder#retries(int) retries}, a task whose worker dies runs again on another
 * worker; this error comes only once every attempt was lost, and {@link #attempts()} lists each
 * (the last is the one this error's {@link #pid()} and {@link #exitCode()} name).
 */
public class WorkerLostError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long pid;
    private final Integer exitCode;
    private final java.util.List<Attempt> attempts;

    /**
     * One run of a task that its worker did not survive.
     *
     * @param worker   the worker's name, e.g. {@code Pool-1-worker-3}
     * @param pid      its process id
     * @param exitCode its exit code as in {@link Process#exitCode()}, or null when unknown
     */
    public record Attempt(String worker, long pid, Integer exitCode) implements java.io.Serializable {
        @Override
        public String toString() {
            return worker + " (pid " + pid + ") " + describe(exitCode);
        }
    }

    /**
     * @param exitCode the worker's exit code in {@link Process#exitCode()}'s convention (minus the
     *        signal number when a signal ended it), or null when it could not be read
     */
    public WorkerLostError(String worker, long pid, Integer exitCode, String task) {
        this(java.util.List.of(new Attempt(worker, pid, exitCode)), task);
    }

    /**
     * The failure of a task that was run {@code attempts.size()} times, every time by a worker that
     * died; the last attempt is this error's {@link #pid()} and {@link #exitCode()}.
     *
     * @throws IllegalArgumentException if {@code attempts} is empty
     */
    public WorkerLostError(java.util.List<Attempt> attempts, String task) {
        super(message(attempts, task));
        Attempt last = attempts.get(attempts.size() - 1);
        this.pid = last.pid();
        this.exitCode = last.exitCode();
        this.attempts = java.util.List.copyOf(attempts);
    }

    private static String message(java.util.List<Attempt> attempts, String task) {
        if (attempts.isEmpty()) {
            throw new IllegalArgumentException("a lost task has at least one attempt");
        }
        if (attempts.size() == 1) {
            Attempt a = attempts.get(0);
            return "worker " + a + " while running " + task;
        }
        StringBuilder text = new StringBuilder(task + " was lost with its worker " + attempts.size() + " times:");
        for (int i = 0; i < attempts.size(); i++) {
            text.append(i == 0 ? " " : "; ").append("attempt ").append(i + 1).append(": worker ").append(attempts.get(i));
        }
        return text.toString();
    }

    private static String describe(Integer exitCode) {
        return exitCode == null ? "died"
                : exitCode < 0 ? "was killed by signal " + -exitCode + " (exit code " + exitCode + ")"
                : "exited with code " + exitCode;
    }

    /** Every run of the task, oldest first: one unless the pool retried it. */
    public java.util.List<Attempt> attempts() {
        return attempts;
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
