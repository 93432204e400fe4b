package io.github.mp4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mp4j.Manager;
import io.github.mp4j.Process;
import io.github.mp4j.StartMethod;
import io.github.mp4j.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The child processes and managers the conformance classes start, and the bound on waiting for
 * them: CPython's {@code self.Process(...)} with {@code daemon = True}, and {@code join_process}.
 */
final class Children {

    /** How long any wait for a child or a result may take before the test fails. */
    static final Duration BOUND = Duration.ofSeconds(60);

    private Children() {
    }

    /** A started daemon child running {@code task}, by {@code method} (null: the global start method). */
    static Process start(StartMethod method, Task task) throws IOException {
        Process p = new Process(task);
        p.setDaemon(true);
        if (method == null) {
            p.start();
        } else {
            p.start(method);
        }
        return p;
    }

    /** Joins {@code p} (bounded) and asserts that its task ended normally. */
    static void joined(Process p) throws InterruptedException {
        p.join(BOUND);
        assertEquals(0, p.exitCode(), p + " failed (its output is above)");
    }

    /** A started manager, for a static field that {@code @AutoClose} stops after the class. */
    static Manager manager() {
        try {
            return Manager.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
