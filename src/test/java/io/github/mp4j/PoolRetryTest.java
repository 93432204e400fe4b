package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code Pool.builder().retries(n)}: a task lost with its worker runs again on another; an exception never does. */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PoolRetryTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path tempDir;

    /** Appends this worker's pid to {@code file}; returns how many lines it holds now. */
    private static int record(String file) throws java.io.IOException {
        Path path = Path.of(file);
        Files.writeString(path, ProcessHandle.current().pid() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return Files.readAllLines(path).size();
    }

    @Test
    void aTaskWhoseWorkerIsKilledRunsAgainOnAnotherAndSucceeds() throws Exception {
        String runs = tempDir.resolve("runs").toString();
        try (Pool pool = Pool.builder().processes(2).retries(1).build()) {
            AsyncResult<Long> task = pool.applyAsync(() -> {
                if (record(runs) == 1) {
                    Thread.sleep(120_000); // the first attempt waits to be killed
                }
                return ProcessHandle.current().pid();
            });
            Long first = Eventually.valueOf(BOUND, () -> {
                try {
                    List<String> lines = Files.exists(Path.of(runs)) ? Files.readAllLines(Path.of(runs)) : List.of();
                    return lines.isEmpty() ? null : Long.valueOf(lines.get(0));
                } catch (java.io.IOException e) {
                    return null;
                }
            });
            assertNotNull(first, "the task never started");
            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            long second = task.get(BOUND);
            assertNotEquals(first.longValue(), second, "the retry ran on another worker");
            assertEquals(List.of(String.valueOf(first), String.valueOf(second)), Files.readAllLines(Path.of(runs)));
            assertEquals(0, pool.state().failed(), "a retried task that succeeds is no failure");
            assertTrue(pool.state().workers().stream().anyMatch(w -> first.equals(w.pid())
                    && w.exitCode() != null && w.exitCode() == -9 && w.failures() == 1), pool.state().toString());
        }
    }

    @Test
    void aTaskLostOnEveryAttemptFailsListingThemAll() throws Exception {
        String runs = tempDir.resolve("runs").toString();
        try (Pool pool = Pool.builder().processes(2).retries(2).build()) {
            AsyncResult<Integer> doomed = pool.applyAsync(() -> {
                record(runs);
                System.exit(5);
                return 0;
            });
            WorkerLostError e = assertThrows(WorkerLostError.class, () -> doomed.get(BOUND));
            List<String> pids = Files.readAllLines(Path.of(runs));
            assertEquals(3, e.attempts().size(), "one run and two retries: " + e.getMessage());
            for (int i = 0; i < 3; i++) {
                WorkerLostError.Attempt a = e.attempts().get(i);
                assertEquals(Long.parseLong(pids.get(i)), a.pid());
                assertEquals(5, a.exitCode());
                assertTrue(e.getMessage().contains("attempt " + (i + 1) + ": worker " + a.worker() + " (pid " + a.pid()
                        + ") exited with code 5"), e.getMessage());
            }
            assertEquals(3, pids.stream().distinct().count(), "each attempt on another worker");
            assertEquals(Long.parseLong(pids.get(2)), e.pid());
            assertEquals(1, pool.state().failed());
            assertEquals(6, pool.apply(() -> 6), "the pool goes on");
        }
    }

    @Test
    void aWorkerThatRunsOutOfMemoryIsRetriedLikeAnyLostOne() throws Exception {
        String runs = tempDir.resolve("runs").toString();
        try (Pool pool = Pool.builder().processes(1).retries(1).jvmOptions("-Xmx64m").build()) {
            long pid = pool.applyAsync(() -> {
                if (record(runs) == 1) {
                    long[][] hoard = new long[64][];
                    for (int i = 0; i < hoard.length; i++) {
                        hoard[i] = new long[1 << 20]; // 8 MiB each: well past the 64 MiB heap
                    }
                    return (long) hoard.length;
                }
                return ProcessHandle.current().pid();
            }).get(BOUND);
            List<String> pids = Files.readAllLines(Path.of(runs));
            assertEquals(2, pids.size());
            assertEquals(Long.parseLong(pids.get(1)), pid);
            assertNotEquals(pids.get(0), pids.get(1));
        }
    }

    @Test
    void aTaskThatRaisesIsNeverRetried() throws Exception {
        String runs = tempDir.resolve("runs").toString();
        try (Pool pool = Pool.builder().processes(2).retries(3).build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.apply(() -> {
                record(runs);
                throw new IllegalStateException("a bug, not a lost worker");
            }));
            assertEquals("a bug, not a lost worker", e.getMessage());
            assertEquals(1, Files.readAllLines(Path.of(runs)).size());
        }
    }

    @Test
    void retriesMustNotBeNegative() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pool.builder().retries(-1));
        assertEquals("retries must be 0 or more, not -1", e.getMessage());
    }
}
