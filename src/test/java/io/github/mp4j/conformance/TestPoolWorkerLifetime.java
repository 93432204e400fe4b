package io.github.mp4j.conformance;

import static io.github.mp4j.conformance.Children.BOUND;
import static io.github.mp4j.conformance.PythonError.VALUE_ERROR;
import static io.github.mp4j.conformance.PythonError.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.AsyncResult;
import io.github.mp4j.Pool;
import io.github.mp4j.PoolState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** CPython's {@code _TestPoolWorkerLifetime}: {@code maxtasksperchild} replaces workers. */
class TestPoolWorkerLifetime {

    /** The pids of the pool's live workers once each has one (workers start in the background). */
    private static List<Long> startedPids(Pool p) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (true) {
            List<PoolState.Worker> workers = p.state().workers().stream()
                    .filter(w -> w.state() != PoolState.WorkerState.EXITED).toList();
            boolean started = workers.stream().allMatch(w -> w.pid() != null && w.state() != PoolState.WorkerState.STARTING);
            if (started || System.nanoTime() > deadline) {
                assertTrue(started, "workers still starting: " + workers);
                return workers.stream().map(PoolState.Worker::pid).sorted().toList();
            }
            Thread.sleep(20);
        }
    }

    @Test
    void testPoolWorkerLifetime() throws Exception {
        try (Pool p = Pool.builder().processes(3).maxTasksPerChild(10).build()) {
            assertEquals(3, p.state().workers().size());
            List<Long> before = startedPids(p);
            List<AsyncResult<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int x = i;
                results.add(p.applyAsync(() -> PoolTasks.sqr(x)));
            }
            for (int j = 0; j < results.size(); j++) {
                assertEquals(j * j, results.get(j).get(BOUND));
            }
            List<Long> after = startedPids(p);
            assertEquals(3, after.size());
            assertNotEquals(before, after);
        }
    }

    @Test
    void testPoolWorkerLifetimeEarlyClose() throws Exception {
        Pool p = Pool.builder().processes(3).maxTasksPerChild(1).build();
        List<AsyncResult<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int x = i;
            results.add(p.applyAsync(() -> PoolTasks.sqr(x, 300)));
        }
        p.close();
        assertTrue(p.join(BOUND));
        for (int j = 0; j < results.size(); j++) {
            assertEquals(j * j, results.get(j).get(BOUND));
        }
    }

    @Test
    void testPoolMaxtasksperchildInvalid() {
        // CPython's 0.5 and "12" are type errors a Java compiler catches
        for (int value : new int[] {0, -1}) {
            assertRaises(VALUE_ERROR, () -> Pool.builder().processes(3).maxTasksPerChild(value));
        }
    }

    /** A program that leaves a used pool open when main returns, as CPython's script does. */
    public static final class PoolLeftOpen {
        public static void main(String[] args) throws Exception {
            Pool pool = new Pool(1);
            pool.map(Integer::doubleValue, List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        }
    }

    @Test
    void testWorkerFinalizationViaAtexitHandlerOfMultiprocessing() throws Exception {
        java.lang.Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PoolLeftOpen.class.getName())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertTrue(jvm.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS), "the program exits with its pool open");
            assertEquals(0, jvm.exitValue());
        } finally {
            jvm.destroyForcibly();
        }
    }
}
