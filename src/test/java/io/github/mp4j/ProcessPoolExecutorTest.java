package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ProcessPoolExecutor: an ExecutorService over worker JVMs, with Python's executor API beside it. */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProcessPoolExecutorTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final long SECONDS = BOUND.toSeconds();
    /** More quick tasks than a worker may hold ahead (mp4j.pool.prefetch, 32): the last ones stay queued. */
    private static final int BEYOND_PREFETCH = 40;
    /** Shared by the tests that do not end it. */
    private static ProcessPoolExecutor executor;

    @BeforeAll
    static void start() {
        executor = new ProcessPoolExecutor(2);
    }

    @AfterAll
    static void end() throws Exception {
        executor.close();
        assertTrue(executor.isTerminated());
    }

    @Test
    void submitRunsTasksInWorkerJvms() throws Exception {
        ExecutorService service = executor;        // usable as a plain ExecutorService
        Future<Long> pid = executor.submit(() -> ProcessHandle.current().pid());
        assertNotEquals(ProcessHandle.current().pid(), pid.get(SECONDS, TimeUnit.SECONDS));
        Callable<Integer> typed = (Callable<Integer> & Serializable) () -> 6 * 7;
        assertEquals(42, service.submit(typed).get(SECONDS, TimeUnit.SECONDS));
        assertEquals("done", executor.submit(() -> { Thread.yield(); }, "done").get(SECONDS, TimeUnit.SECONDS));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> executor.submit(() -> Integer.parseInt("x")).get(SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(NumberFormatException.class, e.getCause(), "the worker's exception, type intact");
        assertInstanceOf(RemoteTraceback.class, e.getCause().getCause());
    }

    @Test
    void theClassExampleRuns() throws Exception {
        List<String> printed = new ArrayList<>();
        ProcessPoolExecutor executor = ProcessPoolExecutorTest.executor;   // the example's, with two workers
        CompletableFuture<Long> pid = executor.submit(() -> ProcessHandle.current().pid());
        printed.add(pid.thenApply(p -> "ran in " + p).get(10, TimeUnit.SECONDS));
        Iterator<Integer> squares = executor.map(x -> x * x, List.of(1, 2, 3), Duration.ofSeconds(10), 1);
        squares.forEachRemaining(x -> printed.add(String.valueOf(x)));
        List<Future<Integer>> all = executor.invokeAll(List.<SerializableCallable<Integer>>of(() -> 1, () -> 2));
        assertEquals(List.of("ran in " + pid.get(), "1", "4", "9"), printed);
        assertEquals(2, all.get(1).get());
    }

    @Test
    void futuresAreCompletableFutures() throws Exception {
        CompletableFuture<Integer> a = executor.submit(() -> 20).thenApply(x -> x + 1);
        CompletableFuture<Integer> b = executor.submit(() -> 21);
        CompletableFuture.allOf(a, b).orTimeout(SECONDS, TimeUnit.SECONDS).join();
        assertEquals(42, a.join() + b.join());
    }

    @Test
    void aTaskThatCannotTravelIsRefusedAtSubmit() {
        Callable<Integer> plain = () -> 1;                      // a lambda typed Callable is not Serializable
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> executor.submit(plain));
        assertTrue(e.getMessage().contains(plain.getClass().getName()), e.getMessage());
        Runnable plainRunnable = () -> { };
        assertThrows(IllegalArgumentException.class, () -> executor.submit(plainRunnable));
        assertThrows(IllegalArgumentException.class, () -> executor.execute(plainRunnable));
        Object notSerializable = new Object();
        IllegalArgumentException captured = assertThrows(IllegalArgumentException.class,
                () -> executor.submit(() -> notSerializable.hashCode()));
        assertTrue(captured.getMessage().contains("cannot be sent to a worker"), captured.getMessage());
        long queuedBefore = executor.pool().state().completed() + executor.pool().state().failed();
        assertThrows(IllegalArgumentException.class, () -> executor.invokeAll(
                List.<Callable<Integer>>of((Callable<Integer> & Serializable) () -> 1, plain)));
        assertEquals(queuedBefore, executor.pool().state().completed() + executor.pool().state().failed()
                + executor.pool().state().queued(), "invokeAll submitted none of them");
    }

    @Test
    void invokeAllAndInvokeAny() throws Exception {
        List<SerializableCallable<Integer>> tasks = List.of(() -> 1, () -> 2, () -> 3);
        List<Integer> results = new ArrayList<>();
        for (Future<Integer> f : executor.invokeAll(tasks)) {
            assertTrue(f.isDone());
            results.add(f.get());
        }
        assertEquals(List.of(1, 2, 3), results);
        for (Future<Integer> f : executor.invokeAll(tasks, SECONDS, TimeUnit.SECONDS)) {
            assertTrue(f.isDone());
        }
        List<SerializableCallable<Integer>> oneGood = List.of(() -> { throw new IllegalStateException("no"); }, () -> 9);
        assertEquals(9, executor.invokeAny(oneGood));
        ExecutionException none = assertThrows(ExecutionException.class, () -> executor.invokeAny(
                List.<SerializableCallable<Integer>>of(() -> { throw new IllegalStateException("no"); }),
                SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, none.getCause());
    }

    @Test
    void invokeAllWithATimeoutLeavesEveryFutureDone() throws Exception {
        List<SerializableCallable<Integer>> tasks = List.of(() -> 1, () -> { Thread.sleep(2_000); return 2; });
        List<Future<Integer>> futures = executor.invokeAll(tasks, 500, TimeUnit.MILLISECONDS);
        assertEquals(1, futures.get(0).get());
        assertTrue(futures.get(1).isDone() && futures.get(1).isCancelled(), "the running one's future is cancelled");
    }

    @Test
    void mapGivesResultsInOrderWithAnyChunksize() throws Exception {
        List<Integer> input = IntStream.range(0, 100).boxed().collect(Collectors.toList());
        List<Integer> expected = input.stream().map(x -> x * x).collect(Collectors.toList());
        Eventually.assertHolds(BOUND, () -> executor.pool().state().queued() == 0
                && executor.pool().state().count(PoolState.WorkerState.BUSY) == 0, () -> "other tests' tasks still run");
        long before = executor.pool().state().completed();
        assertEquals(expected, drain(executor.map(x -> x * x, input, BOUND, 7)));
        assertEquals(15, executor.pool().state().completed() - before, "100 items in chunks of 7");
        assertEquals(expected, drain(executor.map(x -> x * x, input)));
        assertFalse(executor.map(x -> x, List.of()).hasNext());
        assertThrows(IllegalArgumentException.class, () -> executor.map(x -> x, input, BOUND, 0));
    }

    private static <R> List<R> drain(Iterator<R> it) {
        List<R> all = new ArrayList<>();
        it.forEachRemaining(all::add);
        return all;
    }

    @Test
    void mapThrowsTimeoutFromNextAndCancelsWhatHasNotStarted() throws Exception {
        try (ProcessPoolExecutor one = new ProcessPoolExecutor(1)) {
            List<Integer> sleeps = new ArrayList<>(List.of(0));
            sleeps.addAll(java.util.Collections.nCopies(BEYOND_PREFETCH, 200));
            Iterator<Integer> it = one.map(ms -> { Thread.sleep(ms); return ms; }, sleeps, Duration.ofMillis(800), 1);
            assertEquals(0, it.next());
            long start = System.nanoTime();
            CompletionException e = assertThrows(CompletionException.class, () -> {
                while (true) {
                    it.next();
                }
            });
            assertInstanceOf(TimeoutException.class, e.getCause());
            assertTrue(System.nanoTime() - start < BOUND.toNanos());
            assertEquals(0, one.pool().state().queued(), "the items not yet started were cancelled");
            one.shutdownNow();
        }
    }

    @Test
    void aWorkerKilledMidTaskFailsOnlyThatFuture() throws Exception {
        try (ProcessPoolExecutor one = new ProcessPoolExecutor(1)) {
            CompletableFuture<Object> victim = one.submit(() -> { Thread.sleep(60_000); return null; });
            Long pid = Eventually.valueOf(BOUND, () -> one.pool().state().workers().stream()
                    .filter(w -> w.state() == PoolState.WorkerState.BUSY).map(PoolState.Worker::pid).findFirst().orElse(null));
            assertNotNull(pid, "no worker became busy");
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            ExecutionException e = assertThrows(ExecutionException.class, () -> victim.get(SECONDS, TimeUnit.SECONDS));
            WorkerLostError lost = assertInstanceOf(WorkerLostError.class, e.getCause());
            assertEquals(-9, lost.exitCode());
            assertEquals(pid, lost.pid());
            assertFalse(one.isShutdown(), "not broken, unlike Python's BrokenProcessPool");
            long replacement = one.submit(() -> ProcessHandle.current().pid()).get(SECONDS, TimeUnit.SECONDS);
            assertNotEquals(pid, replacement);
        }
    }

    @Test
    void shutdownRefusesNewWorkAndLetsSubmittedWorkFinish() throws Exception {
        ProcessPoolExecutor one = new ProcessPoolExecutor(1);
        CompletableFuture<Integer> slow = one.submit(() -> { Thread.sleep(500); return 5; });
        one.shutdown();
        assertTrue(one.isShutdown());
        RejectedExecutionException e = assertThrows(RejectedExecutionException.class, () -> one.submit(() -> 1));
        assertEquals("cannot schedule new futures after shutdown", e.getMessage());
        assertThrows(RejectedExecutionException.class, () -> one.map(x -> x, List.of(1)));
        assertTrue(one.awaitTermination(SECONDS, TimeUnit.SECONDS));
        assertTrue(one.isTerminated());
        assertEquals(5, slow.getNow(null), "finished before termination");
        one.close();
    }

    @Test
    void closeFromAStageOfItsOwnFutureOnlyShutsDown() throws Exception {
        ProcessPoolExecutor one = new ProcessPoolExecutor(1);
        CompletableFuture<Boolean> closedInside = one.submit(() -> 1).thenApply(x -> {
            one.close();                                  // on the result thread: waiting would deadlock
            return one.isShutdown() && !one.isTerminated();
        });
        assertTrue(closedInside.get(SECONDS, TimeUnit.SECONDS));
        assertTrue(one.awaitTermination(SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void shutdownWithCancelFuturesCancelsOnlyQueuedWork() throws Exception {
        ProcessPoolExecutor one = new ProcessPoolExecutor(1);
        CompletableFuture<Integer> running = one.submit(() -> { Thread.sleep(1000); return -1; });
        List<CompletableFuture<Integer>> queued = queueBehindBusyWorker(one);
        one.shutdown(true, true);
        assertTrue(one.isTerminated(), "shutdown(wait=true) waited");
        assertEquals(-1, running.getNow(null));
        assertTrue(queued.get(BEYOND_PREFETCH - 1).isCancelled());
        assertTrue(queued.stream().allMatch(CompletableFuture::isDone));
    }

    @Test
    void shutdownNowReturnsTheQueuedTasksAndEndsRunningOnes() throws Exception {
        ProcessPoolExecutor one = new ProcessPoolExecutor(1);
        CompletableFuture<Integer> running = one.submit(() -> { Thread.sleep(60_000); return -1; });
        List<CompletableFuture<Integer>> queued = queueBehindBusyWorker(one);
        List<Runnable> notStarted = one.shutdownNow();
        assertTrue(notStarted.size() >= BEYOND_PREFETCH - 32, "returned " + notStarted.size());
        notStarted.get(0).run();                                  // runs here, in this JVM
        assertTrue(one.awaitTermination(SECONDS, TimeUnit.SECONDS));
        assertThrows(CancellationException.class, () -> running.get(SECONDS, TimeUnit.SECONDS),
                "the running task ended with its worker");
        assertTrue(queued.get(BEYOND_PREFETCH - 1).isCancelled());
        assertThrows(RejectedExecutionException.class, () -> one.submit(() -> 1));
    }

    /** Once the executor's only worker is busy, submits more quick tasks than it may hold ahead. */
    private static List<CompletableFuture<Integer>> queueBehindBusyWorker(ProcessPoolExecutor one)
            throws InterruptedException {
        Eventually.assertHolds(BOUND, () -> one.pool().state().count(PoolState.WorkerState.BUSY) == 1, () -> "never busy");
        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < BEYOND_PREFETCH; i++) {
            int n = i;
            queued.add(one.submit(() -> n));
        }
        return queued;
    }

    @Test
    void maxTasksPerChildAndInitializerComeFromPoolOptions() throws Exception {
        try (ProcessPoolExecutor fresh = new ProcessPoolExecutor(Pool.builder().processes(1).maxTasksPerChild(1)
                .initializer(() -> System.setProperty("mp4j.test.initialized", "yes")))) {
            SerializableCallable<String> probe = () -> ProcessHandle.current().pid() + " "
                    + System.getProperty("mp4j.test.initialized");
            String first = fresh.submit(probe).get(SECONDS, TimeUnit.SECONDS);
            String second = fresh.submit(probe).get(SECONDS, TimeUnit.SECONDS);
            assertTrue(first.endsWith(" yes") && second.endsWith(" yes"), first + " / " + second);
            assertEquals(2, Set.of(first, second).size(), "a new worker for each task");
        }
    }
}
