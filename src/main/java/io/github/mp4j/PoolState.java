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
 * @param failed    work items that failed (an exception, a lost worker, termination)
 * @param jobs      the progress of each map still running, oldest first ({@link Progress})
 */
public record PoolState(String name, String kind, Status status, int processes, List<Worker> workers,
                        int queued, long completed, long failed, List<Progress> jobs) {

    public PoolState {
        workers = List.copyOf(workers);
        jobs = List.copyOf(jobs);
    }

    /** A state with no map running. */
    public PoolState(String name, String kind, Status status, int processes, List<Worker> workers,
                     int queued, long completed, long failed) {
        this(name, kind, status, processes, workers, queued, completed, failed, List.of());
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
