package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The live state the kernel's %pool shows, and the ThreadPool baseline with the same API. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PoolStateTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void stateShowsWorkersTasksQueueAndTotals() throws Exception {
        try (Pool pool = Pool.builder().processes(2).name("squares").build()) {
            PoolState starting = pool.state();
            assertEquals("squares", starting.name());
            assertEquals("process", starting.kind());
            assertEquals(2, starting.processes());
            assertEquals(PoolState.Status.RUNNING, starting.status());

            List<AsyncResult<Integer>> slow = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                slow.add(pool.applyAsync(() -> { Thread.sleep(1500); return 1; }));
            }
            PoolState busy = awaitState(pool, s -> s.count(PoolState.WorkerState.BUSY) == 2);
            for (PoolState.Worker w : busy.workers()) {
                assertTrue(w.name().startsWith("squares-worker-"), w.name());
                assertNotNull(w.pid());
                assertTrue(w.task().startsWith("apply #"), w.task());
                assertNotNull(w.started());
                assertNull(w.exitCode());
            }
            assertTrue(busy.queued() >= 1 && busy.queued() <= 3, busy.toString());
            for (AsyncResult<Integer> r : slow) {
                r.get(BOUND);
            }
            pool.applyAsync(() -> { throw new IllegalStateException(); });
            PoolState done = awaitState(pool, s -> s.completed() == 5 && s.failed() == 1);
            assertEquals(0, done.queued());
            assertEquals(6, done.workers().stream().mapToLong(PoolState.Worker::tasksDone).sum());
            assertEquals(1, done.workers().stream().mapToLong(PoolState.Worker::failures).sum());
            assertTrue(done.toString().contains("squares (2 process workers, running): 0 queued, 5 completed, 1 failed"),
                    done.toString());
            assertThrows(UnsupportedOperationException.class, () -> done.workers().clear());
        }
    }

    @Test
    void listenersSeeChangesAndAlwaysTheFinalState() throws Exception {
        List<PoolState> seen = new CopyOnWriteArrayList<>();
        Pool pool = new Pool(2);
        pool.addListener(seen::add);
        pool.map(x -> x + 1, List.of(1, 2, 3, 4, 5, 6, 7, 8), 1);
        pool.close();
        assertTrue(pool.join(BOUND));
        awaitTrue(() -> !seen.isEmpty() && seen.get(seen.size() - 1).workers().stream()
                .allMatch(w -> w.state() == PoolState.WorkerState.EXITED));
        PoolState last = seen.get(seen.size() - 1);
        assertEquals(PoolState.Status.CLOSED, last.status());
        assertEquals(8, last.completed());
        assertTrue(seen.stream().anyMatch(s -> s.count(PoolState.WorkerState.IDLE) + s.count(PoolState.WorkerState.BUSY) > 0),
                "saw the workers live");
        assertTrue(last.workers().stream().allMatch(w -> w.exitCode() != null && w.exitCode() == 0), last.toString());
    }

    @Test
    void activeListsLivePools() throws Exception {
        Pool a = new Pool(1);
        ThreadPool b = new ThreadPool(1);
        assertTrue(Pool.active().containsAll(List.of(a, b)));
        a.close();
        b.close();
        assertTrue(Pool.active().stream().noneMatch(p -> p == a || p == b));
    }

    @Test
    void threadPoolHasTheSameApiAndRunsHere() throws Exception {
        List<Long> callbackPids = new CopyOnWriteArrayList<>();
        try (ThreadPool pool = new ThreadPool(3)) {
            assertEquals("thread", pool.state().kind());
            assertEquals(ProcessHandle.current().pid(), pool.apply(() -> ProcessHandle.current().pid()));
            assertEquals(List.of(1, 4, 9), pool.map(x -> x * x, List.of(1, 2, 3)));
            Object local = new Object(); // no serialization: anything can be captured
            assertEquals(local.hashCode(), (int) pool.apply(local::hashCode));
            IllegalStateException thrown = new IllegalStateException("same object");
            assertTrue(thrown == assertThrows(IllegalStateException.class, () -> pool.apply(() -> { throw thrown; })));
            pool.applyAsync(() -> 1, v -> callbackPids.add(ProcessHandle.current().pid())).get(BOUND);
            List<Integer> unordered = new ArrayList<>();
            pool.imapUnordered(x -> x, List.of(1, 2, 3)).forEachRemaining(unordered::add);
            unordered.sort(null);
            assertEquals(List.of(1, 2, 3), unordered);
        }
        assertEquals(List.of(ProcessHandle.current().pid()), callbackPids);
        try (ThreadPool one = new ThreadPool(1)) {
            assertNotEquals(Thread.currentThread().getName(), one.apply(() -> Thread.currentThread().getName()));
        }
    }

    private static PoolState awaitState(Pool pool, java.util.function.Predicate<PoolState> condition) throws InterruptedException {
        PoolState matched = Eventually.valueOf(BOUND, () -> {
            PoolState s = pool.state();
            return condition.test(s) ? s : null;
        });
        if (matched == null) {
            throw new AssertionError("state never matched: " + pool.state());
        }
        return matched;
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Eventually.assertHolds(BOUND, condition, () -> "condition never held");
    }
}
