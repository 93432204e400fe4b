package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Stop means stop: {@code cancel(true)} of a task or a map, started or not, and the pool goes on. */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PoolCancelTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path tempDir;

    /**
     * A task that reports its start, sleeps until interrupted, then reports that. Tests wait for the
     * start: a task cancelled before its worker starts it is skipped, and never reports anything.
     */
    private static SerializableCallable<Long> sleeper(Reports reports) {
        return () -> {
            reports.put("started in " + ProcessHandle.current().pid());
            try {
                Thread.sleep(120_000);
            } catch (InterruptedException e) {
                reports.put("interrupted in " + ProcessHandle.current().pid());
                throw e;
            }
            return -1L;
        };
    }

    private static Set<Long> livePids(Pool pool) {
        Set<Long> pids = new HashSet<>();
        for (PoolState.Worker w : pool.state().workers()) {
            if (w.state() != PoolState.WorkerState.EXITED) {
                pids.add(w.pid());
            }
        }
        return pids;
    }

    private static long workerPid(Pool pool) throws Exception {
        return pool.apply(() -> ProcessHandle.current().pid());
    }

    @Test
    void aRunningTaskIsInterruptedInItsWorkerWhichGoesOn() throws Exception {
        Reports reports = new Reports(tempDir.resolve("reports").toString());
        try (Pool pool = new Pool(1)) {
            long pid = workerPid(pool);
            AsyncResult<Long> running = pool.applyAsync(sleeper(reports));
            assertEquals("started in " + pid, reports.next(BOUND));
            assertFalse(running.cancel(), "cancel() without interrupting cannot stop a started task");
            assertTrue(running.cancel(true));
            assertTrue(running.ready(), "the result fails before cancel returns");
            CancellationException e = assertThrows(CancellationException.class, () -> running.get(BOUND));
            assertTrue(e.getMessage().contains("apply #2"), e.getMessage());
            assertEquals("interrupted in " + pid, reports.next(BOUND), "the task's own thread was interrupted");
            assertEquals(pid, workerPid(pool), "a task that ends on its interrupt keeps its worker");
            assertFalse(running.cancel(true), "nothing left to cancel");
        }
    }

    @Test
    void aTaskThatIgnoresItsInterruptHasItsWorkerReplacedAfterTheGrace() throws Exception {
        Reports reports = new Reports(tempDir.resolve("reports").toString());
        try (Pool pool = Pool.builder().processes(1).cancelGrace(Duration.ofMillis(300)).build()) {
            long pid = workerPid(pool);
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            AsyncResult<Long> stubborn = pool.applyAsync(() -> {
                reports.put("started");
                long spins = 0;
                while (spins >= 0) {
                    Thread.interrupted(); // swallows every interrupt
                    spins++;
                }
                return spins;
            }, v -> { }, errors::add);
            reports.next(BOUND);
            assertTrue(stubborn.cancel(true));
            assertThrows(CancellationException.class, () -> stubborn.get(BOUND), "never a WorkerLostError");
            Eventually.assertHolds(BOUND, () -> pool.state().workers().stream()
                    .anyMatch(w -> w.state() == PoolState.WorkerState.EXITED && Long.valueOf(pid).equals(w.pid()) && w.exitCode() == -9),
                    () -> "the worker was not killed: " + pool.state());
            assertNotEquals(pid, workerPid(pool), "a replacement runs the next task");
            assertEquals(1, errors.size());
            assertTrue(errors.get(0) instanceof CancellationException, errors.toString());
            assertEquals(1, pool.state().failed(), "the cancellation counts once, not again as a lost task");
        }
    }

    @Test
    void aTaskAWorkerHoldsButHasNotStartedNeverRuns() throws Exception {
        Reports reports = new Reports(tempDir.resolve("reports").toString());
        try (Pool pool = new Pool(1)) {
            long pid = workerPid(pool);
            AsyncResult<Long> blocker = pool.applyAsync(sleeper(reports));
            AsyncResult<Long> held = pool.applyAsync(() -> {
                reports.put("held task ran");
                return 0L;
            });
            assertEquals("started in " + pid, reports.next(BOUND));
            Eventually.assertHolds(BOUND, () -> pool.state().queued() == 0, () -> "not handed to the worker");
            assertFalse(held.cancel(), "handed to the worker: too late for cancel()");
            assertTrue(held.cancel(true));
            assertThrows(CancellationException.class, () -> held.get(BOUND));
            assertTrue(blocker.cancel(true));
            assertEquals("interrupted in " + pid, reports.next(BOUND));
            assertEquals(7, pool.apply(() -> 7), "the worker answers after the skipped task");
            reports.assertNoMore(Duration.ofMillis(300), "the held task ran");
            assertEquals(pid, workerPid(pool));
        }
    }

    @Test
    void aQueuedTaskCancelledWithInterruptNeverRuns() throws Exception {
        Reports reports = new Reports(tempDir.resolve("reports").toString());
        try (Pool pool = new Pool(1)) {
            AsyncResult<Long> blocker = pool.applyAsync(sleeper(reports));
            reports.next(BOUND);
            List<AsyncResult<Integer>> queued = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                queued.add(pool.applyAsync(() -> {
                    reports.put("queued task ran");
                    return 1;
                }));
            }
            for (AsyncResult<Integer> r : queued) {
                assertTrue(r.cancel(true));
            }
            assertTrue(blocker.cancel(true));
            reports.next(BOUND); // the blocker's interrupt
            assertEquals(3, pool.apply(() -> 3));
            reports.assertNoMore(Duration.ofMillis(300));
            assertEquals(0, pool.state().queued());
        }
    }

    @Test
    void aMapIsCancelledWholeAndItsWorkersAreInterrupted() throws Exception {
        Reports reports = new Reports(tempDir.resolve("reports").toString());
        try (Pool pool = new Pool(2)) {
            Eventually.assertHolds(BOUND, () -> pool.state().count(PoolState.WorkerState.IDLE) == 2, () -> "not both up");
            Set<Long> pids = livePids(pool);
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            AsyncResult<List<Long>> map = pool.mapAsync(x -> sleeper(reports).call(), List.of(1, 2, 3, 4, 5, 6), 1,
                    v -> { }, errors::add);
            reports.next(BOUND);
            reports.next(BOUND);
            assertTrue(map.cancel(true));
            assertThrows(CancellationException.class, () -> map.get(BOUND));
            Set<String> interrupted = new HashSet<>(List.of(reports.next(BOUND), reports.next(BOUND)));
            assertEquals(2, interrupted.size(), "both running chunks were interrupted: " + interrupted);
            reports.assertNoMore(Duration.ofMillis(300), "a chunk not started ran");
            assertEquals(List.of(2, 4, 6), pool.map(x -> x * 2, List.of(1, 2, 3)), "the pool goes on");
            assertEquals(pids, livePids(pool), "no worker was replaced");
            assertEquals(1, errors.size(), "the error callback ran once");
        }
    }

    @Test
    void aThreadPoolTaskIsInterruptedToo() throws Exception {
        try (ThreadPool pool = new ThreadPool(1)) {
            CompletableFuture<Boolean> started = new CompletableFuture<>();
            CompletableFuture<Boolean> wasInterrupted = new CompletableFuture<>();
            AsyncResult<Object> running = pool.applyAsync(() -> {
                started.complete(true);
                try {
                    Thread.sleep(120_000);
                } catch (InterruptedException e) {
                    wasInterrupted.complete(true);
                }
                return null;
            });
            // not the pool's BUSY state: it holds once the item is handed to the thread, and a
            // cancel before the thread starts the item skips it (nothing is interrupted then)
            assertTrue(started.get(BOUND.toSeconds(), TimeUnit.SECONDS));
            assertTrue(running.cancel(true));
            assertTrue(wasInterrupted.get(BOUND.toSeconds(), TimeUnit.SECONDS));
            assertThrows(CancellationException.class, () -> running.get(BOUND));
            assertFalse(pool.apply(() -> Thread.currentThread().isInterrupted()), "the next task starts uninterrupted");
        }
    }

    @Test
    void anExecutorFutureCancelledWithInterruptStopsItsTask() throws Exception {
        Reports reports = new Reports(tempDir.resolve("reports").toString());
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(1)) {
            long pid = executor.submit(() -> ProcessHandle.current().pid()).get(BOUND.toSeconds(), TimeUnit.SECONDS);
            CompletableFuture<Long> running = executor.submit(sleeper(reports));
            assertEquals("started in " + pid, reports.next(BOUND));
            assertFalse(running.cancel(false), "Python's cancel: too late");
            assertTrue(running.cancel(true));
            assertTrue(running.isCancelled());
            assertEquals("interrupted in " + pid, reports.next(BOUND));
            assertEquals(pid, executor.submit(() -> ProcessHandle.current().pid()).get(BOUND.toSeconds(), TimeUnit.SECONDS));
        }
    }

    @Test
    void shutdownNowInterruptsTheRunningTasks() throws Exception {
        Reports reports = new Reports(tempDir.resolve("reports").toString());
        {
            ProcessPoolExecutor executor = new ProcessPoolExecutor(1);
            long pid = executor.submit(() -> ProcessHandle.current().pid()).get(BOUND.toSeconds(), TimeUnit.SECONDS);
            CompletableFuture<Long> running = executor.submit(sleeper(reports));
            assertEquals("started in " + pid, reports.next(BOUND));
            executor.shutdownNow();
            assertThrows(CancellationException.class, () -> running.get(BOUND.toSeconds(), TimeUnit.SECONDS));
            assertEquals("interrupted in " + pid, reports.next(BOUND), "interrupted, not killed");
            assertTrue(executor.awaitTermination(BOUND.toSeconds(), TimeUnit.SECONDS));
        }
    }

    /**
     * Lines that tasks in workers append to a file (pool tasks cannot capture a {@link Queue}:
     * those travel only in a starting process's task), read here in order.
     */
    static final class Reports implements java.io.Serializable {
        private final String file;
        private transient int read;

        Reports(String file) {
            this.file = file;
        }

        void put(String line) throws IOException {
            // one short O_APPEND write: lines from several workers never interleave
            Files.writeString(Path.of(file), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }

        private List<String> lines() {
            try {
                return Files.exists(Path.of(file)) ? Files.readAllLines(Path.of(file)) : List.of();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** The next line, waiting at most {@code bound} for it. */
        String next(Duration bound) throws InterruptedException {
            Eventually.assertHolds(bound, () -> lines().size() > read, () -> "no report within " + bound);
            return lines().get(read++);
        }

        void assertNoMore(Duration during, String... why) throws InterruptedException {
            Thread.sleep(during.toMillis());
            assertEquals(read, lines().size(), String.join(" ", why) + ": " + lines());
        }
    }
}
