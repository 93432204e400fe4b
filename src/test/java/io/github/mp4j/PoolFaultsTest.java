package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Where Python's Pool hangs or breaks, ours fails one task clearly and goes on. */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PoolFaultsTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void aWorkerThatExitsFailsItsTaskAndIsReplaced() throws Exception {
        try (Pool pool = new Pool(1)) {
            long before = pool.apply(() -> ProcessHandle.current().pid());
            AsyncResult<Integer> dies = pool.applyAsync(() -> { System.exit(3); return 0; });
            AsyncResult<Integer> after = pool.applyAsync(() -> 42);
            WorkerLostError e = assertThrows(WorkerLostError.class, () -> dies.get(BOUND));
            assertEquals(before, e.pid());
            assertEquals(3, e.exitCode());
            assertTrue(e.getMessage().contains("pid " + before) && e.getMessage().contains("exited with code 3")
                    && e.getMessage().contains("apply #2"), e.getMessage());
            assertEquals(42, after.get(BOUND), "the task queued behind it runs in the replacement");
            assertNotEquals(before, pool.apply(() -> ProcessHandle.current().pid()));
            assertEquals(1, pool.state().failed());
        }
    }

    @Test
    void aWorkerKilledFromOutsideFailsItsTaskWithTheSignal() throws Exception {
        try (Pool pool = new Pool(2)) {
            AsyncResult<Object> victim = pool.applyAsync(() -> { Thread.sleep(60_000); return null; });
            long pid = busyWorker(pool);
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            WorkerLostError e = assertThrows(WorkerLostError.class, () -> victim.get(BOUND));
            assertEquals(-9, e.exitCode());
            assertTrue(e.getMessage().contains("killed by signal 9"), e.getMessage());
            assertEquals(List.of(1, 4, 9), pool.map(x -> x * x, List.of(1, 2, 3)));
        }
    }

    private static long busyWorker(Pool pool) throws InterruptedException {
        Long pid = Eventually.valueOf(BOUND, () -> pool.state().workers().stream()
                .filter(w -> w.state() == PoolState.WorkerState.BUSY).map(PoolState.Worker::pid).findFirst().orElse(null));
        assertNotNull(pid, "no worker became busy");
        return pid;
    }

    @Test
    void aLostTaskWithCallbacksStillSettlesAfterClose() throws Exception {
        Pool pool = new Pool(1);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        AsyncResult<Object> last = pool.applyAsync(() -> { Thread.sleep(60_000); return null; }, v -> { }, errors::add);
        long pid = busyWorker(pool);
        Thread closer = new Thread(pool::close); // close waits for the task, so from another thread
        closer.start();
        Eventually.holds(BOUND, Duration.ofMillis(10), () -> pool.state().status() == PoolState.Status.CLOSED);
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        assertThrows(WorkerLostError.class, () -> last.get(BOUND), "the last task of a closed pool fails, never hangs");
        assertEquals(1, errors.size(), "its error callback ran");
        closer.join(BOUND.toMillis());
        assertFalse(closer.isAlive());
        assertTrue(pool.join(BOUND));
    }

    @Test
    void aWorkerThatRunsOutOfMemoryIsLostAndReplaced() throws Exception {
        try (Pool pool = new Pool(1)) {
            long before = pool.apply(() -> ProcessHandle.current().pid());
            AsyncResult<Integer> greedy = pool.applyAsync(() -> new long[Integer.MAX_VALUE - 16].length);
            WorkerLostError e = assertThrows(WorkerLostError.class, () -> greedy.get(BOUND));
            assertEquals(before, e.pid());
            assertTrue(e.getMessage().contains("exited with code 3"), e.getMessage());
            assertEquals(5, (int) pool.apply(() -> 5));
        }
    }

    @Test
    void aCallbackThatThrowsIsReportedAndThePoolGoesOn() throws Exception {
        CapturedOutput err = CapturedOutput.ofErr();
        try (err; Pool pool = new Pool(1)) {
            List<Integer> seen = new CopyOnWriteArrayList<>();
            AsyncResult<Integer> first = pool.applyAsync(() -> 1, v -> { throw new IllegalStateException("callback broke"); });
            AsyncResult<Integer> second = pool.applyAsync(() -> 2, seen::add);
            assertEquals(1, first.get(BOUND), "the task itself succeeded");
            assertEquals(2, second.get(BOUND));
            assertEquals(List.of(2), seen);
            assertEquals(List.of(2, 3), pool.map(x -> x + 1, List.of(1, 2)));
        }
        String text = err.text();
        assertTrue(text.contains("a callback of apply #1 raised an exception") && text.contains("callback broke"), text);
    }

    @Test
    void terminateEndsEveryWorkerAndFailsUnfinishedResults() throws Exception {
        Pool pool = new Pool(2);
        List<AsyncResult<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(pool.applyAsync(() -> { Thread.sleep(60_000); return 0; }));
        }
        Eventually.holds(BOUND, () -> pool.state().count(PoolState.WorkerState.BUSY) >= 2);
        List<Long> pids = pool.state().workers().stream().map(PoolState.Worker::pid).toList();
        pool.terminate();
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " ended");
        }
        for (AsyncResult<Integer> r : results) {
            CancellationException e = assertThrows(CancellationException.class, () -> r.get(BOUND));
            assertTrue(e.getMessage().contains("terminated"), e.getMessage());
        }
        assertTrue(pool.join(BOUND));
        assertEquals("Pool not running", assertThrows(IllegalStateException.class, () -> pool.applyAsync(() -> 1)).getMessage());
        assertEquals(PoolState.Status.TERMINATED, pool.state().status());
        assertFalse(Pool.active().contains(pool));
    }

    @Test
    void maxTasksPerChildReplacesWorkers() throws Exception {
        try (Pool pool = Pool.builder().processes(1).maxTasksPerChild(2).build()) {
            List<Long> pids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                pids.add(pool.apply(() -> ProcessHandle.current().pid()));
            }
            assertEquals(pids.get(0), pids.get(1));
            assertNotEquals(pids.get(1), pids.get(2));
            assertEquals(pids.get(2), pids.get(3));
            assertEquals(3, new HashSet<>(pids).size(), pids.toString());
            assertEquals(0, pool.state().failed(), "a worker retiring after k tasks loses nothing");
        }
        assertThrows(IllegalArgumentException.class, () -> Pool.builder().maxTasksPerChild(0));
    }

    @Test
    void theInitializerRunsOnceInEveryWorkerAndSharesInheritedHandles() throws Exception {
        Queue queue = new Queue();
        try (Pool pool = Pool.builder().processes(2).initializer(() -> queue.put(ProcessHandle.current().pid())).build()) {
            Set<Long> workers = new HashSet<>(pool.map(x -> { Thread.sleep(200); return ProcessHandle.current().pid(); },
                    List.of(1, 2, 3, 4), 1));
            Set<Object> initialized = new HashSet<>();
            for (int i = 0; i < 2; i++) {
                initialized.add(queue.get(BOUND));
            }
            assertEquals(workers, initialized);
        }
        queue.close();
    }

    @Test
    void anInitializerThatFailsBreaksThePoolClearlyInsteadOfLooping() throws Exception {
        Pool pool = Pool.builder().processes(2).initializer(() -> { throw new IllegalStateException("no config"); }).build();
        AsyncResult<Integer> r = pool.applyAsync(() -> 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.get(BOUND));
        assertTrue(e.getMessage().contains("initializer failed") && e.getMessage().contains("no config"), e.getMessage());
        IllegalStateException later = assertThrows(IllegalStateException.class, () -> pool.applyAsync(() -> 1));
        assertTrue(later.getMessage().contains("is broken"), later.getMessage());
        pool.terminate();
        assertTrue(pool.join(BOUND));
    }

    /** Workers whose JVM cannot boot break the pool with their exit status, not a closed channel. */
    @Test
    void workersThatCannotBootBreakThePoolWithTheirExitStatus() throws Exception {
        try (TemporaryProperty options = TemporaryProperty.set("mp4j.worker.jvmOptions", "-XX:+UseG1GC")) { // children run the serial collector
            Pool pool = new Pool(1);
            AsyncResult<Integer> r = pool.applyAsync(() -> 1);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.get(BOUND));
            assertTrue(e.getMessage().contains("its workers cannot start")
                    && e.getMessage().contains("the child JVM exited with status 1 while starting"), e.getMessage());
            pool.terminate();
            assertTrue(pool.join(BOUND));
        }
    }

    @Test
    void lifeCycleErrorsFollowPython() throws Exception {
        assertEquals("Number of processes must be at least 1",
                assertThrows(IllegalArgumentException.class, () -> new Pool(0)).getMessage());
        Pool pool = new Pool(1);
        assertTrue(Pool.active().contains(pool));
        assertEquals("Pool is still running", assertThrows(IllegalStateException.class, pool::join).getMessage());
        AsyncResult<String> queued = pool.applyAsync(() -> { Thread.sleep(300); return "finished"; });
        List<Long> pids = pool.state().workers().stream().map(PoolState.Worker::pid).filter(p -> p != null).toList();
        pool.close(); // lets submitted work finish, then waits for the workers
        assertEquals("finished", queued.get(Duration.ZERO.plusMillis(1)));
        assertEquals("Pool not running", assertThrows(IllegalStateException.class, () -> pool.map(x -> x, List.of(1))).getMessage());
        assertTrue(pool.join(BOUND));
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        }
        assertFalse(Pool.active().contains(pool));
        pool.close();
        pool.terminate();
        assertTrue(pool.state().workers().stream().allMatch(w -> w.state() == PoolState.WorkerState.EXITED));
    }

    @Test
    void closingFromACallbackDoesNotDeadlock() throws Exception {
        Pool pool = new Pool(1);
        List<Throwable> joinErrors = new CopyOnWriteArrayList<>();
        pool.applyAsync(() -> 1, v -> {
            pool.close();
            try {
                pool.join();
            } catch (IllegalStateException | InterruptedException e) {
                joinErrors.add(e);
            }
        }).get(BOUND);
        assertTrue(pool.join(BOUND), "closed by its callback, the pool finishes");
        assertEquals(1, joinErrors.size());
        assertTrue(joinErrors.get(0).getMessage().contains("from its own callback"), joinErrors.get(0).getMessage());
    }

    @Test
    void anInitializerThatCannotTravelIsRejectedAtOnce() {
        Object notSerializable = new Object();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pool.builder().initializer(() -> notSerializable.hashCode()).build());
        assertTrue(e.getMessage().contains("initializer"), e.getMessage());
    }
}
