package io.github.mp4j;

import java.time.Instant;
import java.util.List;

/**
 * An immutable snapshot of a {@link Pool}: its workers, its queue and its totals, for display
 * (the kernel's {@code %pool}) and for tests.
 *
 * <pre>{@code
 * PoolState s = pool.state();
 * System.out.println(s.queued() + " queued, " + s.completed() + " done");
 * s.workers().forEach(w -> System.out.println(w.pid() + " " + w.state() + " " + w.task()));
 * }</pre>
 *
 * @param name      the pool's name, e.g. {@code Pool-1}
 * @param kind      "process" for worker JVMs, "thread" for a {@link ThreadPool}
 * @param status    running, closed (finishing its queue) or terminated
 * @param processes the number of workers the pool keeps
 * @param workers   the live and starting workers, then the most recently exited ones
 * @param queued    work items waiting for a worker (a map chunk counts as one)
 * @param completed work items finished successfully
 * @param failed    work items that failed (an exception, a lost worker, termination, cancellation)
 * @param settings  the limits and options the pool was built with ({@link Pool.Builder})
 * @param jobs      the progress of each map still running, oldest first ({@link Progress})
 */
public record PoolState(String name, String kind, Status status, int processes, List<Worker> workers,
                        int queued, long completed, long failed, Settings settings, List<Progress> jobs) {

    public PoolState {
        workers = List.copyOf(workers);
        java.util.Objects.requireNonNull(settings, "settings");
        jobs = List.copyOf(jobs);
    }

    /** A state with the default {@link Settings} and no map running. */
    public PoolState(String name, String kind, Status status, int processes, List<Worker> workers,
                     int queued, long completed, long failed) {
        this(name, kind, status, processes, workers, queued, completed, failed, Settings.DEFAULT, List.of());
    }

    /**
     * What a pool was built with, beyond its size ({@link Pool.Builder}).
     *
     * @param maxTasksPerChild  items after which a worker is replaced; 0 for never
     * @param maxMemoryPerChild bytes of used heap after an item beyond which a worker is replaced; 0 for no limit
     * @param jvmOptions        the options of this pool's worker JVMs, after the ones every child gets
     * @param retries           how often a task lost with its worker runs again
     * @param cancelGrace       how long a cancelled running task has to end before its worker is replaced
     */
    public record Settings(int maxTasksPerChild, long maxMemoryPerChild, List<String> jvmOptions, int retries,
                           java.time.Duration cancelGrace) {

        /** No limits, no options, no retries, and a grace of one second. */
        public static final Settings DEFAULT = new Settings(0, 0, List.of(), 0, java.time.Duration.ofSeconds(1));

        public Settings {
            jvmOptions = List.copyOf(jvmOptions);
            java.util.Objects.requireNonNull(cancelGrace, "cancelGrace");
        }

        /** The settings that differ from {@link #DEFAULT}, e.g. {@code maxMemoryPerChild=256 MiB, jvmOptions=[-Xmx512m]}. */
        @Override
        public String toString() {
            List<String> parts = new java.util.ArrayList<>();
            if (maxTasksPerChild != 0) {
                parts.add("maxTasksPerChild=" + maxTasksPerChild);
            }
            if (maxMemoryPerChild != 0) {
                parts.add("maxMemoryPerChild=" + (maxMemoryPerChild % (1 << 20) == 0
                        ? maxMemoryPerChild / (1 << 20) + " MiB" : maxMemoryPerChild + " bytes"));
            }
            if (!jvmOptions.isEmpty()) {
                parts.add("jvmOptions=" + jvmOptions);
            }
            if (retries != 0) {
                parts.add("retries=" + retries);
            }
            if (!cancelGrace.equals(DEFAULT.cancelGrace)) {
                parts.add("cancelGrace=" + cancelGrace);
            }
            return String.join(", ", parts);
        }
    }

    /** A pool's life: it accepts work only while {@code RUNNING}. */
    public enum Status { RUNNING, CLOSED, TERMINATED }

    /** What a worker is doing. */
    public enum WorkerState { STARTING, IDLE, BUSY, EXITED }

    /**
     * One worker.
     *
     * @param name      e.g. {@code Pool-1-worker-3}
     * @param pid       its process id; null while starting (a thread pool's workers show this JVM's)
     * @param state     starting, idle, busy or exited
     * @param task      the label of the item it is running (e.g. {@code map #2 chunk 3/8}), or null
     * @param tasksDone items it finished, successfully or not
     * @param failures  items it finished with an exception, or lost by dying
     * @param started   when it was started
     * @param exitCode  its exit code once exited, else null
     */
    public record Worker(String name, Long pid, WorkerState state, String task, long tasksDone,
                         long failures, Instant started, Integer exitCode) {
    }

    /** The workers in a given state. */
    public long count(WorkerState state) {
        return workers.stream().filter(w -> w.state() == state).count();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(name + " (" + processes + " " + kind + " workers, "
                + status.name().toLowerCase() + "): " + queued + " queued, " + completed + " completed, "
                + failed + " failed");
        String chosen = settings.toString();
        if (!chosen.isEmpty()) {
            text.append("; ").append(chosen);
        }
        for (Progress job : jobs) {
            text.append("\n  ").append(job);
        }
        for (Worker w : workers) {
            text.append("\n  ").append(w.name()).append(" pid=").append(w.pid()).append(' ')
                    .append(w.state().name().toLowerCase()).append(" done=").append(w.tasksDone())
                    .append(" failures=").append(w.failures());
            if (w.task() != null) {
                text.append(" task=").append(w.task());
            }
            if (w.exitCode() != null) {
                text.append(" exitcode=").append(w.exitCode());
            }
        }
        return text.toString();
    }
}
