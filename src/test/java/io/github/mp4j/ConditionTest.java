package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.NotSerializableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/** {@link Condition}: wait and signal across child JVMs, without a server. */
class ConditionTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    /** How long a waiter that should stay asleep is watched. */
    private static final Duration QUIET = Duration.ofMillis(400);

    @Test
    void theJavadocExampleRuns() throws Exception {
        Condition ready = new Condition();
        RawValue<Integer> jobs = new RawValue<>(int.class);
        Process consumer = new Process(() -> {
            try (Held held = ready.hold()) {
                if (!ready.awaitFor(() -> jobs.get() > 0, Duration.ofSeconds(10))) {
                    throw new IllegalStateException("no job");
                }
                jobs.set(jobs.get() - 1);
            }
        });
        consumer.start();
        try (Held held = ready.hold()) {
            jobs.set(jobs.get() + 1);
            ready.signal();
        }
        consumer.join(BOUND);
        assertEquals(0, consumer.exitCode());
        assertEquals(0, jobs.get());
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void consumersInChildrenTakeEveryItemAProducerSignals() throws Exception {
        // A bounded buffer of one slot count: the producer waits for room, the consumers for items.
        Condition changed = new Condition(new Lock());
        RawValue<Integer> available = new RawValue<>(int.class);
        RawValue<Integer> taken = new RawValue<>(int.class);
        Queue done = new Queue();
        int consumers = 3;
        int each = 20;
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            Process p = new Process(() -> {
                for (int k = 0; k < each; k++) {
                    try (Held held = changed.hold()) {
                        if (!changed.awaitFor(() -> available.get() > 0, Duration.ofSeconds(90))) {
                            throw new IllegalStateException("no item for " + Duration.ofSeconds(90));
                        }
                        available.set(available.get() - 1);
                        taken.set(taken.get() + 1);
                        changed.signalAll();            // the producer may wait for room
                    }
                }
                done.put(Process.current().pid());
            });
            p.start();
            processes.add(p);
        }
        Process producer = new Process(() -> {
            for (int k = 0; k < consumers * each; k++) {
                try (Held held = changed.hold()) {
                    if (!changed.awaitFor(() -> available.get() < 2, Duration.ofSeconds(90))) {
                        throw new IllegalStateException("no room for " + Duration.ofSeconds(90));
                    }
                    available.set(available.get() + 1);
                    changed.signal();
                }
            }
        });
        producer.start();
        processes.add(producer);
        for (int i = 0; i < consumers; i++) {
            done.get(Duration.ofSeconds(180));
        }
        for (Process p : processes) {
            p.join(BOUND);
            assertEquals(0, p.exitCode(), p.toString());
        }
        assertEquals(consumers * each, taken.get());
        assertEquals(0, available.get());
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void signalWakesOneSignalNWakesNAndSignalAllWakesTheRest() throws Exception {
        Condition condition = new Condition();
        Queue woken = new Queue();
        List<Process> waiters = startWaiters(condition, woken, 5);
        try (Held held = condition.hold()) {
            condition.signal();
        }
        assertEquals(1, drain(woken, 1).size(), "signal() wakes one");
        try (Held held = condition.hold()) {
            condition.signal(2);
        }
        assertEquals(2, drain(woken, 2).size(), "signal(2) wakes two");
        try (Held held = condition.hold()) {
            condition.signal(0);
        }
        assertEquals(0, drain(woken, 0).size(), "signal(0) wakes none");
        try (Held held = condition.hold()) {
            condition.signalAll();
            condition.signalAll();   // nobody left to wake
        }
        assertEquals(2, drain(woken, 2).size(), "signalAll() wakes the rest");
        for (Process p : waiters) {
            p.join(BOUND);
            assertEquals(0, p.exitCode(), p.toString());
        }
        assertEquals("<Condition(<RLock(None, 0)>, 0)>", condition.toString());
    }

    /** Starts {@code n} children that each wait once, in order, and put their pid on {@code woken}; returns once all wait. */
    private static List<Process> startWaiters(Condition condition, Queue woken, int n) throws Exception {
        List<Process> waiters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Process p = new Process(() -> {
                try (Held held = condition.hold()) {
                    if (!condition.await(Duration.ofSeconds(150))) {
                        throw new IllegalStateException("never signalled");
                    }
                }
                woken.put(Process.current().pid());
            });
            p.start();
            waiters.add(p);
            int waiting = i + 1;
            Eventually.assertHolds(BOUND, () -> condition.toString().endsWith(", " + waiting + ")>"),
                    () -> "not waiting: " + condition);
        }
        return waiters;
    }

    /**
     * The pids that arrive on {@code woken}: {@code expected} of them, each waited for up to
     * {@link #BOUND}, then any more until it has been quiet for {@link #QUIET}.
     */
    private static Set<Object> drain(Queue woken, int expected) throws Exception {
        Set<Object> pids = new HashSet<>();
        while (true) {
            try {
                pids.add(woken.get(pids.size() < expected ? BOUND : QUIET));
            } catch (Queue.Empty quiet) {
                return pids;
            }
        }
    }

    @Test
    void awaitTimesOutAndHoldsTheLockAgainWithItsCount() throws Exception {
        RLock lock = new RLock();
        Condition condition = new Condition(lock);
        lock.acquire();
        lock.acquire();
        long start = System.nanoTime();
        assertFalse(condition.await(Duration.ofMillis(100)));
        assertTrue(System.nanoTime() - start >= 100_000_000L, "waited the timeout");
        assertFalse(condition.await(Duration.ofMillis(-5)), "a negative timeout counts as zero");
        assertFalse(condition.awaitFor(() -> false, Duration.ofMillis(50)));
        assertTrue(condition.awaitFor(() -> true, Duration.ZERO), "a true predicate needs no wait");
        assertEquals("<RLock(MainProcess, 2)>", lock.toString(), "the main thread goes unnamed, as in Python");
        assertFalse(CompletableFuture.supplyAsync(() -> tryAcquire(lock)).get(10, TimeUnit.SECONDS),
                "still held by this thread");
        lock.release();
        lock.release();
        assertThrows(IllegalStateException.class, lock::release);
        assertEquals("<Condition(<RLock(None, 0)>, 0)>", condition.toString(), "the timed-out waiters left");
    }

    @Test
    void whileWaitingTheLockIsFreeForOthers() throws Exception {
        Condition condition = new Condition();
        Process signaller = new Process(() -> {
            // takes the lock the parent released by waiting, and wakes it
            try (Held held = condition.hold()) {
                condition.signal();
            }
        });
        try (Held held = condition.hold()) {
            signaller.start();
            assertTrue(condition.await(BOUND), "the child could take the lock and signal");
        }
        signaller.join(BOUND);
        assertEquals(0, signaller.exitCode());
    }

    @Test
    void waitingOrSignallingWithoutTheLockIsAnError() throws Exception {
        Lock plain = new Lock();
        for (Condition condition : List.of(new Condition(), new Condition(plain))) {
            assertNotHeld("cannot wait on un-acquired lock", condition::await);
            assertNotHeld("cannot wait on un-acquired lock", () -> condition.await(Duration.ofSeconds(1)));
            assertNotHeld("cannot wait on un-acquired lock", () -> condition.awaitFor(() -> true, null));
            assertNotHeld("cannot notify on un-acquired lock", condition::signal);
            assertNotHeld("cannot notify on un-acquired lock", () -> condition.signal(3));
            assertNotHeld("cannot notify on un-acquired lock", condition::signalAll);
        }
        Condition condition = new Condition();
        try (Held held = condition.hold()) {
            // an RLock is owned by a thread: another thread of this process does not hold it
            assertEquals("cannot notify on un-acquired lock", CompletableFuture.supplyAsync(() -> {
                try {
                    condition.signal();
                    return "signalled";
                } catch (IllegalStateException e) {
                    return e.getMessage();
                }
            }).get(10, TimeUnit.SECONDS));
            assertThrows(IllegalArgumentException.class, () -> condition.signal(-1));
        }
        assertThrows(NullPointerException.class, () -> new Condition((Lock) null));
        assertThrows(NullPointerException.class, () -> new Condition((RLock) null));
    }

    private static void assertNotHeld(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalStateException.class, call).getMessage());
    }

    @Test
    void aConditionOverALockOfTheUsersSharesItWithChildren() throws Exception {
        Lock lock = new Lock();
        Condition condition = new Condition(lock);
        Event holding = new Event();
        Event release = new Event();
        Process child = new Process(() -> {
            try (Held held = condition.hold()) {
                holding.set();
                release.await(Duration.ofSeconds(60));
            }
        });
        child.start();
        assertTrue(holding.await(BOUND));
        assertFalse(lock.acquire(false), "the child holds the lock through its condition");
        release.set();
        assertTrue(lock.acquire(BOUND));
        assertFalse(condition.await(Duration.ZERO), "a Lock this process holds counts as held: no error");
        lock.release();
        child.join(BOUND);
        assertEquals(0, child.exitCode());
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aWaiterKilledWhileWaitingDoesNotTakeTheSignal() throws Exception {
        Condition condition = new Condition();
        Queue woken = new Queue();
        List<Process> waiters = startWaiters(condition, woken, 2);
        Process killed = waiters.get(0);                  // the longest waiting: a signal would go to it
        killed.kill();
        killed.join(BOUND);
        assertEquals(-9, killed.exitCode());
        try (Held held = condition.hold()) {
            condition.signal();
        }
        assertWokeAlone(waiters.get(1), woken, "the live waiter got the signal");
    }

    /** Asserts that {@code waiter}, and no other, woke, and that it ended well. */
    private static void assertWokeAlone(Process waiter, Queue woken, String message) throws Exception {
        assertEquals(Set.of(waiter.pid()), drain(woken, 1), message);
        waiter.join(BOUND);
        assertEquals(0, waiter.exitCode());
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aSignalledWaiterKilledBeforeItHeldTheLockPassesTheSignalOn() throws Exception {
        Condition condition = new Condition();
        Queue woken = new Queue();
        List<Process> waiters = startWaiters(condition, woken, 2);
        Process killed = waiters.get(0);
        try (Held held = condition.hold()) {
            condition.signal();                           // to the oldest, which then waits for the lock held here
            Thread.sleep(200);
            killed.kill();
            killed.join(BOUND);
            assertEquals(-9, killed.exitCode());
        }
        assertWokeAlone(waiters.get(1), woken, "the dead waiter's signal reached the live one");
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aHolderKilledAfterSignallingFreesTheLockForTheWaiter() throws Exception {
        Condition condition = new Condition();
        Queue woken = new Queue();
        List<Process> waiters = startWaiters(condition, woken, 1);
        Event signalled = new Event();
        Process holder = new Process(() -> {
            condition.acquire();
            condition.signal();
            signalled.set();
            Thread.sleep(120_000);                        // never releases
        });
        holder.start();
        assertTrue(signalled.await(BOUND));
        assertTrue(drain(woken, 0).isEmpty(), "the waiter needs the lock back");
        holder.kill();
        holder.join(BOUND);
        assertWokeAlone(waiters.get(0), woken, "the dead holder's lock was taken over");
    }

    @Test
    void anInterruptedWaitThrowsWithTheLockHeldAndTakesNoSignal() throws Exception {
        Condition condition = new Condition();
        condition.acquire();
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, condition::await);
        assertFalse(Thread.interrupted(), "the flag is cleared when the exception is thrown");
        condition.signal();                               // holds the lock again: no error
        assertEquals("<Condition(<RLock(MainProcess, 1)>, 0)>", condition.toString());
        condition.release();
    }

    @Test
    void closingConditionsFreesTheirMemoryAtOnce() throws Throwable {
        Condition condition = Closing.freesMemoryAtOnce(10, Condition::new).get(0);
        Closing.assertClosed(condition, "condition", () -> condition.acquire(false), condition::release,
                condition::await, condition::signal, condition::signalAll, condition::hold);
        Lock lock = new Lock();
        new Condition(lock).close();
        assertTrue(lock.acquire(false), "a lock of the user's stays open");
    }

    @Test
    void conditionsTravelOnlyInsideProcessTasks() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.conn1(); Connection b = pipe.conn2()) {
            NotSerializableException e = assertThrows(NotSerializableException.class, () -> a.send(new Condition()));
            assertEquals("Condition objects should only be shared between processes through inheritance:"
                    + " capture them in the task of a Process (or Pool initializer)", e.getMessage());
            a.send("still usable");
            assertEquals("still usable", b.recv());
        }
    }

    private static boolean tryAcquire(Acquirer lock) {
        try {
            boolean acquired = lock.acquire(false);
            if (acquired) {
                lock.release();
            }
            return acquired;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
