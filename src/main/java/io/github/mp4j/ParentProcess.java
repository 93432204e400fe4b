package io.github.mp4j;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The process that started this child JVM, as {@link Process#parent()} gives it: its name, pid and
 * whether it still runs. Python's {@code _ParentProcess}, from {@code parent_process()}.
 *
 * <pre>{@code
 * Process p = new Process(() -> {
 *     ParentProcess parent = Process.parent();
 *     System.out.println(parent.name() + " " + parent.pid() + " alive: " + parent.isAlive());
 * });
 * }</pre>
 *
 * <p>A child halts as soon as its parent dies (see {@link Process}), so the parent is alive
 * whenever the child's code can ask, except while that halt is under way.
 */
public final class ParentProcess {

    private final String name;
    private final long pid;

    ParentProcess(String name, long pid) {
        this.name = name;
        this.pid = pid;
    }

    /** The parent's name: {@code MainProcess}, or the name a process that started this one was given. */
    public String name() {
        return name;
    }

    /** The parent's operating-system process id. */
    public long pid() {
        return pid;
    }

    /** Whether the parent is still running. */
    public boolean isAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** What {@link Connection#await} can wait on for the parent to end; {@code await} also takes this object. */
    public Sentinel sentinel() {
        return new Sentinel(this, "parent process " + pid, () -> !isAlive());
    }

    /**
     * Waits at most {@code timeout} (null: without bound) for the parent to end; check
     * {@link #isAlive()} to tell whether it did.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public void join(Duration timeout) throws InterruptedException {
        try {
            Connection.await(List.of(this), timeout);
        } catch (IOException impossible) {
            throw new AssertionError("only a connection fails with an IOException", impossible);
        }
    }

    @Override
    public String toString() {
        return "<ParentProcess name='" + name + "' pid=" + pid + (isAlive() ? " started" : " stopped") + ">";
    }
}
