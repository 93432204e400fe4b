package io.github.mp4j.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.mp4j.Process;
import io.github.mp4j.StartMethod;
import io.github.mp4j.Task;
import java.time.Duration;
import org.junit.jupiter.params.Parameter;

/**
 * What a conformance class that CPython runs once per start method shares: the start method of
 * this run and its processes. A subclass declares the runs, one per {@link StartMethod}:
 *
 * <pre>{@code
 * @ParameterizedClass(name = "{0}")
 * @EnumSource(StartMethod.class)
 * class TestProcess extends PerStartMethod { ... process(() -> ...).start(); ... }
 * }</pre>
 */
abstract class PerStartMethod {

    /** The bound on every wait for a child: generous, since two CPUs serve several test JVMs. */
    static final Duration BOUND = Duration.ofSeconds(60);

    @Parameter(0)
    StartMethod startMethod;

    /** A process of this run's start method. */
    Process process(Task task) {
        return Process.context(startMethod).process(task);
    }

    /** A named process of this run's start method. */
    Process process(String name, Task task) {
        return Process.context(startMethod).process(name, task);
    }

    /** CPython's {@code join_process}: joins within {@link #BOUND} and fails if the child still runs. */
    static void join(Process p) throws InterruptedException {
        p.join(BOUND);
        assertFalse(p.isAlive(), () -> p + " did not exit within " + BOUND);
    }
}
