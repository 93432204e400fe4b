package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.NotSerializableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Barrier}: parties in child JVMs, generations, breaking and dead parties, without a server. */
class BarrierTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theJavadocExampleRuns() throws Exception {
        RawValue<Integer> generations = new RawValue<>(int.class);
        Barrier ready = new Barrier(3, () -> generations.set(generations.get() + 1), null);
        List<Process> workers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Process p = new Process(() -> {
                for (int round = 0; round < 2; round++) {
                    ready.await(Duration.ofSeconds(30));
                }
            });
            p.start();
            workers.add(p);
        }
        for (Process p : workers) {
            p.join(BOUND);
            assertEquals(0, p.exitCode(), p.toString());
        }
        assertEquals(2, generations.get(), "the action ran once per generation");
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void childrenPassSeveralGenerationsWithDistinctIndexesAndTheActionRunsLastInEach() throws Exception {
        int parties = 4;
        int rounds = 5;
        RawArray<Integer> actionRuns = new RawArray<>(int.class, rounds);
        RawValue<Integer> round = new RawValue<>(int.class);
        Barrier barrier = new Barrier(parties, () -> {
            // every party has arrived: nobody is past this generation yet
            actionRuns.set(round.get(), actionRuns.get(round.get()) + 1);
            round.set(round.get() + 1);
        }, Duration.ofSeconds(90));
        Queue indexes = new Queue();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < parties; i++) {
            Process p = new Process(() -> {
                for (int r = 0; r < rounds; r++) {
                    int index = barrier.await();
                    if (index == parties - 1 && round.get() != r + 1) {
                        throw new IllegalStateException("the last party returned before its action ran");
                    }
                    indexes.put(List.of(r, index));
                }
            });
            p.start();
            processes.add(p);
        }
        List<Set<Integer>> seen = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            seen.add(new HashSet<>());
        }
        for (int k = 0; k < parties * rounds; k++) {
            List<?> item = (List<?>) indexes.get(Duration.ofSeconds(180));
            seen.get((Integer) item.get(0)).add((Integer) item.get(1));
        }
        for (Process p : processes) {
            p.join(BOUND);
            assertEquals(0, p.exitCode(), p.toString());
        }
        for (int r = 0; r < rounds; r++) {
            assertEquals(Set.of(0, 1, 2, 3), seen.get(r), "generation " + r);
        }
        assertEquals(List.of(1, 1, 1, 1, 1), actionRuns.toList());
        assertEquals(0, barrier.nWaiting());
        assertFalse(barrier.isBroken());
        assertEquals(4, barrier.parties());
    }

    /** Starts {@code n} children that wait on {@code barrier} once and put what happened on {@code outcomes}. */
    private static List<Process> startWaiters(Barrier barrier, Queue outcomes, int n) throws Exception {
        List<Process> waiters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Process p = new Process(() -> {
                try {
                    outcomes.put(barrier.await(Duration.ofSeconds(150)));
                } catch (BrokenBarrierException e) {
                    outcomes.put("broken");
                }
            });
            p.start();
            waiters.add(p);
            int waiting = i + 1;
            Eventually.assertHolds(BOUND, () -> barrier.nWaiting() == waiting, () -> "not waiting: " + barrier);
        }
        return waiters;
    }

    private static void assertAllEnd(List<Process> processes) throws InterruptedException {
        for (Process p : processes) {
            p.join(BOUND);
            assertEquals(0, p.exitCode(), p.toString());
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void abortBreaksItForTheWaitersAndLaterCallersUntilReset() throws Exception {
        Barrier barrier = new Barrier(3);
        Queue outcomes = new Queue();
        List<Process> waiters = startWaiters(barrier, outcomes, 2);
        assertEquals("<Barrier(parties=3, waiting=2)>", barrier.toString());
        barrier.abort();
        assertEquals("broken", outcomes.get(BOUND));
        assertEquals("broken", outcomes.get(BOUND));
        assertAllEnd(waiters);
        assertTrue(barrier.isBroken());
        assertEquals(0, barrier.nWaiting());
        assertEquals("<Barrier(parties=3, waiting=0, broken)>", barrier.toString());
        assertThrows(BrokenBarrierException.class, () -> barrier.await(BOUND));
        barrier.reset();
        assertFalse(barrier.isBroken());
        assertPassesWithTwoChildren(barrier, outcomes);
    }

    /** Asserts that {@code barrier} (of three) passes two children and this thread, which arrives last. */
    private static void assertPassesWithTwoChildren(Barrier barrier, Queue outcomes) throws Exception {
        List<Process> next = startWaiters(barrier, outcomes, 2);
        assertEquals(2, barrier.await(BOUND), "this call arrives last");
        assertEquals(Set.of(0, 1), Set.of(outcomes.get(BOUND), outcomes.get(BOUND)));
        assertAllEnd(next);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void resetFailsTheWaitersAndLeavesTheBarrierWhole() throws Exception {
        Barrier barrier = new Barrier(3);
        Queue outcomes = new Queue();
        List<Process> waiters = startWaiters(barrier, outcomes, 2);
        barrier.reset();
        assertEquals("broken", outcomes.get(BOUND));
        assertEquals("broken", outcomes.get(BOUND));
        assertAllEnd(waiters);
        assertFalse(barrier.isBroken(), "reset breaks the waiters, not the barrier");
        assertEquals(0, barrier.nWaiting());
        assertPassesWithTwoChildren(barrier, outcomes);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aTimeoutBreaksTheBarrierForTheOthers() throws Exception {
        Barrier barrier = new Barrier(3);
        Queue outcomes = new Queue();
        List<Process> waiters = startWaiters(barrier, outcomes, 1);
        long start = System.nanoTime();
        assertThrows(TimeoutException.class, () -> barrier.await(Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - start >= 200_000_000L, "waited the timeout");
        assertEquals("broken", outcomes.get(BOUND), "the child's wait broke");
        assertAllEnd(waiters);
        assertTrue(barrier.isBroken());

        Barrier withDefault = new Barrier(2, null, Duration.ofMillis(100));
        BrokenBarrierException e = assertThrows(BrokenBarrierException.class, withDefault::await);
        assertInstanceOf(TimeoutException.class, e.getCause(), "the barrier's own timeout, as Python's");
        assertTrue(withDefault.isBroken());
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void anActionThatThrowsBreaksTheBarrierAndReachesTheLastParty() throws Exception {
        Barrier barrier = new Barrier(2, () -> {
            throw new IllegalStateException("action failed");
        }, null);
        Queue outcomes = new Queue();
        List<Process> waiters = startWaiters(barrier, outcomes, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> barrier.await(BOUND));
        assertEquals("action failed", e.getMessage());
        assertEquals("broken", outcomes.get(BOUND));
        assertAllEnd(waiters);
        assertTrue(barrier.isBroken());
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aPartyKilledWhileWaitingBreaksTheBarrierForTheOthers() throws Exception {
        Barrier barrier = new Barrier(3);
        Queue outcomes = new Queue();
        List<Process> waiters = startWaiters(barrier, outcomes, 2);
        Process killed = waiters.get(0);
        killed.kill();
        killed.join(BOUND);
        assertEquals(-9, killed.exitCode());
        // the survivor waits without a bound of its own (150 s): it must hear of the death long before
        assertEquals("broken", outcomes.get(Duration.ofSeconds(20)), "the live party stopped waiting");
        waiters.get(1).join(BOUND);
        assertEquals(0, waiters.get(1).exitCode());
        assertTrue(barrier.isBroken());
        assertThrows(BrokenBarrierException.class, () -> barrier.await(BOUND));
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aPartyKilledInsideTheActionBreaksTheBarrierForTheOthers() throws Exception {
        Event inAction = new Event();
        Barrier barrier = new Barrier(2, () -> {
            inAction.set();
            sleepLong();
        }, null);
        Queue outcomes = new Queue();
        List<Process> waiters = startWaiters(barrier, outcomes, 1);
        Process runner = new Process(() -> barrier.await());
        runner.start();
        assertTrue(inAction.await(BOUND));
        runner.kill();
        runner.join(BOUND);
        assertEquals("broken", outcomes.get(Duration.ofSeconds(20)));
        assertAllEnd(waiters);
    }

    private static void sleepLong() {
        try {
            Thread.sleep(120_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anInterruptedWaitBreaksTheBarrier() throws Exception {
        Barrier barrier = new Barrier(2);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, barrier::await);
        assertTrue(barrier.isBroken());
    }

    @Test
    void threadsOfOneProcessArePartiesToo() throws Exception {
        Barrier barrier = new Barrier(3);
        ExecutorService threads = Executors.newFixedThreadPool(2); // the common pool may have one thread
        try {
            List<Future<Integer>> others = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                others.add(threads.submit(() -> barrier.await(BOUND)));
            }
            Eventually.assertHolds(BOUND, () -> barrier.nWaiting() == 2, barrier::toString);
            assertEquals(2, barrier.await(BOUND));
            assertEquals(Set.of(0, 1), Set.of(others.get(0).get(10, TimeUnit.SECONDS), others.get(1).get(10, TimeUnit.SECONDS)));
        } finally {
            threads.shutdownNow();
        }
        Barrier alone = new Barrier(1);
        assertEquals(0, alone.await());
        assertEquals(0, alone.await(), "a barrier of one passes at once, every time");
    }

    @Test
    void partiesOutsideTheRangeAreRefused() {
        assertEquals("parties must be at least 1",
                assertThrows(IllegalArgumentException.class, () -> new Barrier(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Barrier(-3, null, null));
        assertEquals("parties must be at most 1000000: 1000001",
                assertThrows(IllegalArgumentException.class, () -> new Barrier(1_000_001)).getMessage());
    }

    @Test
    void closingBarriersFreesTheirMemoryAtOnce() throws Throwable {
        Barrier barrier = Closing.freesMemoryAtOnce(10, () -> new Barrier(2)).get(0);
        Closing.assertClosed(barrier, "barrier", barrier::await, () -> barrier.await(BOUND), barrier::abort,
                barrier::reset, barrier::parties, barrier::nWaiting, barrier::isBroken);
    }

    @Test
    void barriersTravelOnlyInsideProcessTasks() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.conn1(); Connection b = pipe.conn2()) {
            NotSerializableException e = assertThrows(NotSerializableException.class, () -> a.send(new Barrier(2)));
            assertEquals("Barrier objects should only be shared between processes through inheritance:"
                    + " capture them in the task of a Process (or Pool initializer)", e.getMessage());
            a.send("still usable");
            assertEquals("still usable", b.recv());
        }
    }
}
