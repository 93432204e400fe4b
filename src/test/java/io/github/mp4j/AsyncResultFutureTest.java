package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** AsyncResult as a CompletableFuture, and cancel() of work no worker has taken yet. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AsyncResultFutureTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    /** More quick items than a worker may hold ahead (mp4j.pool.prefetch, 32): the last ones stay queued. */
    private static final int BEYOND_PREFETCH = 40;
    private static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = new Pool(1);
    }

    @AfterAll
    static void endPool() throws Exception {
        pool.terminate();
        assertTrue(pool.join(BOUND));
    }

    @Test
    void thenApplyAndAllOfWorkOnPoolResults() throws Exception {
        CompletableFuture<Long> pid = pool.applyAsync(() -> ProcessHandle.current().pid()).toCompletableFuture();
        CompletableFuture<String> described = pid.thenApply(p -> "pid " + p);
        CompletableFuture<List<Integer>> squares = pool.<Integer, Integer>mapAsync(x -> x * x, List.of(1, 2, 3))
                .toCompletableFuture();
        CompletableFuture.allOf(described, squares).orTimeout(BOUND.toSeconds(), TimeUnit.SECONDS).join();
        assertNotEquals("pid " + ProcessHandle.current().pid(), described.join(), "ran in a worker JVM");
        assertEquals(List.of(1, 4, 9), squares.join());
    }

    @Test
    void aFailedTaskCompletesItsFutureExceptionallyWithTheWorkersException() throws Exception {
        AsyncResult<Integer> r = pool.applyAsync(() -> 1 / 0);
        CompletableFuture<Integer> f = r.toCompletableFuture();
        assertSame(f, r.toCompletableFuture(), "one future per result");
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(BOUND.toSeconds(), TimeUnit.SECONDS));
        assertInstanceOf(ArithmeticException.class, e.getCause());
        assertInstanceOf(RemoteTraceback.class, e.getCause().getCause());
        assertEquals(-1, f.exceptionally(t -> -1).join());
    }

    @Test
    void aFutureAskedForAfterTheResultIsReadyIsCompletedToo() throws Exception {
        AsyncResult<Integer> r = pool.applyAsync(() -> 7);
        assertEquals(7, r.get(BOUND));
        assertEquals(8, r.toCompletableFuture().thenApply(x -> x + 1).get(BOUND.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void cancelTakesQueuedWorkOffTheQueueButNotStartedWork() throws Exception {
        AsyncResult<Integer> running = pool.applyAsync(() -> { Thread.sleep(1500); return -1; });
        Eventually.assertHolds(BOUND, () -> pool.state().count(PoolState.WorkerState.BUSY) == 1, () -> "never busy");
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<AsyncResult<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < BEYOND_PREFETCH; i++) {
            int n = i;
            queued.add(pool.applyAsync(() -> n, v -> { }, errors::add));
        }
        AsyncResult<Integer> last = queued.get(BEYOND_PREFETCH - 1);
        CompletableFuture<Integer> lastFuture = last.toCompletableFuture();
        long failedBefore = pool.state().failed();

        assertTrue(last.cancel(), "no worker has taken it");
        assertFalse(last.cancel(), "already cancelled");
        assertFalse(running.cancel(), "a worker runs it");
        assertTrue(last.await(BOUND), "ready once its error callback has run");
        assertThrows(CancellationException.class, () -> last.get(BOUND));
        assertTrue(Eventually.holds(BOUND, lastFuture::isDone));
        assertTrue(lastFuture.isCancelled());
        assertEquals(1, errors.size(), "its error callback ran");
        assertInstanceOf(CancellationException.class, errors.get(0));
        assertEquals(failedBefore + 1, pool.state().failed());

        assertTrue(queued.get(BEYOND_PREFETCH - 2).toCompletableFuture().cancel(true),
                "the future's cancel is the result's");
        assertEquals(-1, running.get(BOUND), "the running task went on");
        assertEquals(0, queued.get(0).get(BOUND));
        assertEquals(BEYOND_PREFETCH - 3, queued.get(BEYOND_PREFETCH - 3).get(BOUND), "the others ran");
        assertFalse(queued.get(0).cancel(), "a finished task cannot be cancelled");
    }

    @Test
    void aMapIsCancelledOnlyWhileNoneOfItsChunksHasStarted() throws Exception {
        AsyncResult<Integer> running = pool.applyAsync(() -> { Thread.sleep(1000); return 0; });
        Eventually.assertHolds(BOUND, () -> pool.state().count(PoolState.WorkerState.BUSY) == 1, () -> "never busy");
        List<AsyncResult<Integer>> filler = new ArrayList<>();
        for (int i = 0; i < BEYOND_PREFETCH; i++) {
            filler.add(pool.applyAsync(() -> 0));
        }
        AsyncResult<List<Integer>> map = pool.mapAsync(x -> x + 1, List.of(1, 2, 3, 4), 1);
        assertTrue(map.cancel());
        assertThrows(CancellationException.class, () -> map.get(BOUND));
        AsyncResult<List<Integer>> started = pool.mapAsync(x -> x + 1, List.of(1, 2), 1);
        assertEquals(List.of(2, 3), started.get(BOUND));
        assertFalse(started.cancel());
        assertEquals(0, running.get(BOUND));
        for (AsyncResult<Integer> f : filler) {
            assertEquals(0, f.get(BOUND));
        }
    }
}
