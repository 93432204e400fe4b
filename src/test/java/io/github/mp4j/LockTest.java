package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.handles.SharedMemory;
import java.io.NotSerializableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LockTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void pythonLockSemantics() throws Exception {
        Lock lock = new Lock();
        assertEquals("<Lock(owner=None)>", lock.toString());
        assertTrue(lock.acquire());
        assertEquals("<Lock(owner=MainProcess)>", lock.toString());
        assertFalse(lock.acquire(false), "acquire(false) on a held lock");
        assertFalse(lock.acquire(Duration.ofMillis(30)), "acquire(timeout) on a held lock");
        assertFalse(lock.acquire(Duration.ofMillis(-5)), "a negative timeout counts as zero");
        assertFalse(lock.acquire(true, Duration.ofMillis(10)));
        // not owned by a thread: another thread may release it
        CompletableFuture.runAsync(lock::release).get(10, TimeUnit.SECONDS);
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
        assertEquals("semaphore or lock released too many times", e.getMessage());
        assertTrue(lock.acquire(false));
        lock.release();
    }

    @Test
    void closingLocksFreesTheirMemoryAtOnce() throws Throwable {
        Lock lock = Closing.freesMemoryAtOnce(20, () -> {
            Lock used = new Lock();
            assertTrue(used.acquire(false));
            used.release();
            return used;
        }).get(0);
        Closing.assertClosed(lock, "lock", () -> lock.acquire(false), lock::release, lock::acquire,
                () -> lock.acquire(Duration.ZERO), lock::hold);
        RLock rlock = Closing.freesMemoryAtOnce(20, RLock::new).get(0);
        Closing.assertClosed(rlock, "rlock", () -> rlock.acquire(false), rlock::release, rlock::acquire,
                () -> rlock.acquire(Duration.ZERO), rlock::hold);
    }

    @Test
    void aChildKeepsUsingItsCopiesAfterTheParentClosesItsOwn() throws Exception {
        Lock lock = new Lock();
        RLock rlock = new RLock();
        Semaphore semaphore = new Semaphore(1);
        Event event = new Event();
        Pipe pipe = Pipe.open();
        Connection childEnd = pipe.conn2();
        Process p = new Process(() -> {
            childEnd.recv();                      // the parent has closed its copies
            boolean acquired = lock.acquire(false) && rlock.acquire(false) && semaphore.acquire(false);
            event.set();
            childEnd.send(acquired && event.isSet() && semaphore.getValue() == 0);
            lock.release();
            rlock.release();
            semaphore.release();
        });
        p.start();
        childEnd.close();
        for (AutoCloseable primitive : new AutoCloseable[] {lock, rlock, semaphore, event}) {
            primitive.close();
        }
        try (Connection parentEnd = pipe.conn1()) {
            parentEnd.send("closed");
            assertTrue(parentEnd.poll(BOUND), "no answer from the child");
            assertEquals(true, parentEnd.recv());
        }
        p.join(BOUND);
        assertEquals(0, p.exitCode());
    }

    @Test
    void holdReleasesOnceAtTheEndOfTheBlock() throws Exception {
        Lock lock = new Lock();
        try (Held held = lock.hold()) {
            assertFalse(lock.acquire(false));
        }
        assertTrue(lock.acquire(false));
        lock.release();
        Held held = lock.hold();
        held.close();
        held.close(); // a second close is a no-op, not an over-release
        assertTrue(lock.acquire(false));
    }

    @Test
    void waitingIsInterruptible() throws Exception {
        Lock lock = new Lock();
        lock.acquire();
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> lock.acquire(Duration.ofSeconds(10)));
        assertFalse(Thread.interrupted(), "the flag is cleared when the exception is thrown");
    }

    @Test
    void rlockCountsHoldsPerThread() throws Exception {
        RLock rlock = new RLock();
        IllegalStateException e = assertThrows(IllegalStateException.class, rlock::release);
        assertEquals("cannot release un-acquired lock", e.getMessage());
        assertTrue(rlock.acquire());
        assertTrue(rlock.acquire(false));
        assertTrue(rlock.acquire(Duration.ofMillis(1)));
        assertEquals(false, CompletableFuture.supplyAsync(() -> tryAcquire(rlock)).get(10, TimeUnit.SECONDS));
        assertEquals("cannot release un-acquired lock", CompletableFuture.supplyAsync(() -> {
            try {
                rlock.release();
                return "released";
            } catch (IllegalStateException ex) {
                return ex.getMessage();
            }
        }).get(10, TimeUnit.SECONDS));
        rlock.release();
        rlock.release();
        assertFalse(CompletableFuture.supplyAsync(() -> tryAcquire(rlock)).get(10, TimeUnit.SECONDS), "one hold left");
        rlock.release();
        assertThrows(IllegalStateException.class, rlock::release);
        assertTrue(CompletableFuture.supplyAsync(() -> tryAcquire(rlock)).get(10, TimeUnit.SECONDS), "free again");
    }

    /** {@code rlock.acquire(false)} for a thread of a test's executor. */
    static boolean tryAcquire(RLock rlock) {
        try {
            return rlock.acquire(false);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aChildWaitsForTheParentsLockAndTimesOut() throws Exception {
        Lock lock = new Lock();
        RLock rlock = new RLock();
        Pipe pipe = Pipe.open();
        Connection childEnd = pipe.conn2();
        lock.acquire();
        rlock.acquire();
        Process p = new Process(() -> {
            childEnd.send(lock.acquire(false));
            childEnd.send(lock.acquire(Duration.ofMillis(50)));
            childEnd.send(rlock.acquire(false));
            childEnd.recv();                      // the parent has released both
            childEnd.send(lock.acquire(BOUND) && rlock.acquire(BOUND));
            rlock.acquire();
            rlock.release();
            rlock.release();
            lock.release();
        });
        p.start();
        childEnd.close();
        Connection parentEnd = pipe.conn1();
        assertEquals(false, parentEnd.recv(), "acquire(false) in the child");
        assertEquals(false, parentEnd.recv(), "acquire(timeout) in the child");
        assertEquals(false, parentEnd.recv(), "rlock acquire(false) in the child");
        lock.release();
        rlock.release();
        parentEnd.send("go");
        assertEquals(true, parentEnd.recv());
        p.join(BOUND);
        assertEquals(0, p.exitCode());
        assertTrue(lock.acquire(false), "the child released the lock");
        assertTrue(rlock.acquire(false), "the child released the rlock");
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS) // 100 JVM starts: slow on a loaded 2-CPU machine
    void hundredProcessesDecrementASharedCountToZero() throws Exception {
        StartMethod before = Process.getStartMethod();
        Process.setStartMethod(StartMethod.WARM);
        ExecutorService starters = Executors.newFixedThreadPool(4);
        try {
            Lock lock = new Lock();
            // A plain read-then-write counter in shared memory. Every child waits for "go", so all
            // of them race at once: without the lock most decrements are lost (20 children ended
            // at 18, not 0, in a trial run); the sleep widens the window.
            Event go = new Event();
            SharedMemory count = SharedMemory.create(8);
            count.set(0, 100);
            List<Future<Process>> started = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                started.add(starters.submit(() -> {
                    Process p = new Process(() -> {
                        if (!go.await(Duration.ofMinutes(5))) {
                            throw new IllegalStateException("never told to go");
                        }
                        try (Held held = lock.hold()) {
                            long value = count.get(0);
                            Thread.sleep(1);
                            count.set(0, value - 1);
                        }
                    });
                    p.start();
                    return p;
                }));
            }
            List<Process> processes = new ArrayList<>();
            for (Future<Process> f : started) {
                processes.add(f.get(5, TimeUnit.MINUTES));
            }
            go.set();
            for (Process p : processes) {
                p.join(BOUND);
                assertEquals(0, p.exitCode(), p.toString());
            }
            assertEquals(0, count.get(0));
        } finally {
            starters.shutdownNow();
            Process.setStartMethod(before);
        }
    }

    @Test
    void aLockWhoseHolderWasKilledIsTakenOver() throws Exception {
        Lock lock = new Lock();
        RLock rlock = new RLock();
        Event held = new Event();
        Process holder = new Process(() -> {
            lock.acquire();
            rlock.acquire();
            held.set();
            Thread.sleep(120_000);
        });
        holder.start();
        assertTrue(held.await(BOUND));
        assertFalse(lock.acquire(false), "held by a live process");
        assertFalse(rlock.acquire(Duration.ofMillis(20)));
        holder.kill();
        holder.join(BOUND);
        assertEquals(-9, holder.exitCode());
        assertTrue(lock.acquire(Duration.ofSeconds(10)), "the dead holder's lock is taken over");
        assertTrue(rlock.acquire(Duration.ofSeconds(10)), "the dead holder's rlock is taken over");
        rlock.release();
        lock.release();
        assertThrows(IllegalStateException.class, rlock::release);
        assertThrows(IllegalStateException.class, lock::release);
    }

    @Test
    void aLockHandedOnToAGrandchildIsTheSameLock() throws Exception {
        Lock lock = new Lock();
        Queue q = new Queue();
        lock.acquire();
        Process child = new Process(() -> {
            Process grandchild = new Process(() -> {
                q.put(lock.acquire(false));  // still held by the grandparent
                lock.release();              // any process may release a Lock
            });
            grandchild.start();
            grandchild.join(BOUND);
            q.put(grandchild.exitCode());
        });
        child.start();
        assertEquals(false, q.get(BOUND));
        assertEquals(0, q.get(BOUND));
        child.join(BOUND);
        assertEquals(0, child.exitCode());
        assertTrue(lock.acquire(false), "released by the grandchild");
    }

    @Test
    void locksTravelOnlyInsideProcessTasks() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.conn1(); Connection b = pipe.conn2()) {
            for (Object handle : new Object[] {new Lock(), new RLock(), new Semaphore(2), new Event(), new Queue()}) {
                NotSerializableException e = assertThrows(NotSerializableException.class, () -> a.send(handle));
                String kind = handle.getClass().getSimpleName();
                assertEquals(kind + " objects should only be shared between processes through inheritance:"
                        + " capture them in the task of a Process (or Pool initializer)", e.getMessage());
            }
            a.send("still usable");
            assertEquals("still usable", b.recv());
        }
    }
}
