package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.handles.LockWaiters;
import io.github.mp4j.handles.SharedMemory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * Waiters on a {@link Lock} or {@link RLock} sleep registered in the lock's block until a release
 * wakes them, and an {@link RLock}'s nested holds stay in the holding process. Observed through the
 * block itself: the table of sleepers ({@link LockWaiters}) and the lock's words.
 */
class LockWakeTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void nestedHoldsOfAValuesLockWriteNothingShared() throws Exception {
        SharedMemory memory = LockedElements.create(int.class, 1, List.of(0), true, "value");
        Value<Integer> value = new Value<>(memory);
        // Everything of the lock but its word: marked while the lock is held; a nested acquire
        // or release that wrote a hold count, an owner or a waiter there would change a mark.
        long mark = 0x5ca1_ab1e_0000_0000L;
        try (Held held = value.getLock().hold()) {
            for (int at = 8; at < RLock.BYTES; at += 8) {
                memory.set(at, mark + at);
            }
            for (int i = 0; i < 100; i++) {
                value.set(value.get() + 1);
                try (Held nested = value.getLock().hold()) {
                    value.set(value.get() + 1);
                }
            }
            for (int at = 8; at < RLock.BYTES; at += 8) {
                assertEquals(mark + at, memory.get(at), "word at " + at + " after nested holds");
                memory.set(at, 0);
            }
        }
        assertEquals(200, value.get());
        assertEquals(0, memory.get(0), "free after the outermost release");
    }

    @Test
    void rlocksOfOneBlockInOneJvmShareTheirHolds() throws Exception {
        SharedMemory memory = SharedMemory.create(RLock.BYTES);
        RLock first = new RLock(memory);
        RLock second = new RLock(memory);   // as a child gets when the same lock arrives twice
        assertTrue(first.acquire());
        assertTrue(second.acquire(false), "the same thread holds the same lock");
        assertFalse(CompletableFuture.supplyAsync(() -> tryAcquire(second)).get(10, TimeUnit.SECONDS));
        second.release();
        first.release();
        assertThrows(IllegalStateException.class, second::release);
        assertTrue(CompletableFuture.supplyAsync(() -> tryAcquire(first)).get(10, TimeUnit.SECONDS), "free");
    }

    @Test
    void aReleaseWakesAWaiterAsleepInAnotherProcess() throws Exception {
        SharedMemory memory = SharedMemory.create(Lock.BYTES);
        Lock lock = new Lock(memory);
        LockWaiters sleepers = new LockWaiters(memory, Lock.WAITERS);
        Queue acquired = new Queue();
        lock.acquire();
        Process waiter = new Process(() -> {
            acquired.put(lock.acquire(BOUND));
            lock.release();
        });
        waiter.start();
        try {
            awaitCount(sleepers::count, 1);
            lock.release();
            assertEquals(0, sleepers.count(), "the release took the sleeper's registration to wake it");
            assertEquals(true, acquired.get(BOUND));
            waiter.join(BOUND);
            assertEquals(0, waiter.exitCode());
        } finally {
            waiter.kill();
        }
    }

    @Test
    void aWaiterAsleepInThisProcessIsWokenByAChildsRelease() throws Exception {
        SharedMemory memory = SharedMemory.create(RLock.BYTES);
        RLock lock = new RLock(memory);
        LockWaiters sleepers = new LockWaiters(memory, RLock.WAITERS);
        Event held = new Event();
        Event release = new Event();
        Process holder = new Process(() -> {
            try (Held h = lock.hold()) {
                held.set();
                release.await(BOUND);
            }
        });
        holder.start();
        try {
            assertTrue(held.await(BOUND));
            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> acquireAndRelease(lock));
            awaitCount(sleepers::count, 1);
            release.set();
            assertEquals(true, waiting.get(BOUND.toSeconds(), TimeUnit.SECONDS));
            assertEquals(0, sleepers.count());
            holder.join(BOUND);
            assertEquals(0, holder.exitCode());
        } finally {
            holder.kill();
        }
    }

    @Test
    void aSleepingWaiterStillTimesOutAndWithdraws() throws Exception {
        SharedMemory memory = SharedMemory.create(Lock.BYTES);
        Lock lock = new Lock(memory);
        LockWaiters sleepers = new LockWaiters(memory, Lock.WAITERS);
        Event held = new Event();
        Event release = new Event();
        Process holder = new Process(() -> {
            lock.acquire();
            held.set();
            release.await(BOUND);
            lock.release();
        });
        holder.start();
        try {
            assertTrue(held.await(BOUND));
            // longer than one sleep (80 ms), so the waiter sleeps, wakes unwoken and sleeps again
            assertFalse(lock.acquire(Duration.ofMillis(300)), "held by the child all along");
            assertEquals(0, sleepers.count(), "the timed-out waiter withdrew");
            release.set();
            holder.join(BOUND);
            assertTrue(lock.acquire(false));
        } finally {
            holder.kill();
        }
    }

    @Test
    void aSleepingWaiterIsInterruptible() throws Exception {
        SharedMemory memory = SharedMemory.create(Lock.BYTES);
        Lock lock = new Lock(memory);
        LockWaiters sleepers = new LockWaiters(memory, Lock.WAITERS);
        lock.acquire();
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                outcome.complete(String.valueOf(lock.acquire(BOUND)));
            } catch (InterruptedException e) {
                outcome.complete("interrupted");
            }
        });
        waiter.start();
        awaitCount(sleepers::count, 1);
        waiter.interrupt();
        assertEquals("interrupted", outcome.get(BOUND.toSeconds(), TimeUnit.SECONDS));
        waiter.join(BOUND.toMillis());
        assertEquals(0, sleepers.count(), "the interrupted waiter withdrew");
        lock.release();
    }

    @Test
    void aSleepingWaiterTakesOverFromAKilledHolder() throws Exception {
        SharedMemory memory = SharedMemory.create(RLock.BYTES);
        RLock lock = new RLock(memory);
        LockWaiters sleepers = new LockWaiters(memory, RLock.WAITERS);
        Event held = new Event();
        Process holder = new Process(() -> {
            lock.acquire();
            held.set();
            Thread.sleep(120_000);
        });
        holder.start();
        try {
            assertTrue(held.await(BOUND));
            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> acquireAndRelease(lock));
            awaitCount(sleepers::count, 1);
            holder.kill();
            holder.join(BOUND);
            assertEquals(true, waiting.get(BOUND.toSeconds(), TimeUnit.SECONDS), "no release ever comes: the check finds the death");
            assertEquals(0, sleepers.count());
        } finally {
            holder.kill();
        }
    }

    @Test
    void aReleaseSkipsASleeperThatWasKilledAndWakesALiveOne() throws Exception {
        SharedMemory memory = SharedMemory.create(Lock.BYTES);
        Lock lock = new Lock(memory);
        LockWaiters sleepers = new LockWaiters(memory, Lock.WAITERS);
        lock.acquire();
        Process doomed = new Process(() -> lock.acquire());
        doomed.start();
        try {
            awaitCount(sleepers::count, 1);
            doomed.kill();
            doomed.join(BOUND);
            assertEquals(1, sleepers.count(), "a killed sleeper cannot withdraw");
            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> acquireAndRelease(lock));
            awaitCount(sleepers::count, 2);
            lock.release();
            assertEquals(0, sleepers.count(), "the release freed the dead sleeper's slot and took the live one's");
            assertEquals(true, waiting.get(BOUND.toSeconds(), TimeUnit.SECONDS));
        } finally {
            doomed.kill();
        }
    }

    /** Waits, bounded, until the lock's table holds {@code expected} sleepers. */
    private static void awaitCount(IntSupplier count, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (count.getAsInt() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never " + expected + " sleepers, " + count.getAsInt() + " after " + BOUND);
            }
            Thread.sleep(1);
        }
    }

    private static boolean acquireAndRelease(Acquirer lock) {
        try {
            boolean acquired = lock.acquire(BOUND);
            if (acquired) {
                lock.release();
            }
            return acquired;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean tryAcquire(RLock lock) {
        try {
            return lock.acquire(false);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
