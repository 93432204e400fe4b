package io.github.mp4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.Pool;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** CPython's {@code TestPoolNotLeakOnFailure}: workers that cannot start leave no process behind. */
class TestPoolNotLeakOnFailure {

    private static Set<Long> children() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    @Test
    @Deliberate("Workers start in the background, so the Pool constructor does not raise: a worker that "
            + "cannot start is retried, and after three failures in a row with none alive the pool is broken, "
            + "its tasks failing with IllegalStateException \"its workers cannot start\"")
    void testReleaseUnusedProcesses() throws Exception {
        Set<Long> before = children();
        Pool p = Pool.builder().processes(5).jvmOptions("-XX:+NoSuchOptionAnywhere").build();
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.apply(() -> 1));
            assertTrue(e.getMessage().contains("its workers cannot start"), e.getMessage());
        } finally {
            p.terminate();
            assertTrue(p.join(Duration.ofSeconds(60)));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Set<Long> left = children();
        left.removeAll(before);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            left = children();
            left.removeAll(before);
        }
        assertEquals(Set.of(), left, "no worker JVM outlives the broken pool");
    }
}
