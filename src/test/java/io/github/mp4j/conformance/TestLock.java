package io.github.mp4j.conformance;

import static io.github.mp4j.conformance.PythonError.VALUE_ERROR_STATE;
import static io.github.mp4j.conformance.PythonError.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.mp4j.Acquirer;
import io.github.mp4j.Event;
import io.github.mp4j.Held;
import io.github.mp4j.Lock;
import io.github.mp4j.Process;
import io.github.mp4j.Queue;
import io.github.mp4j.RLock;
import io.github.mp4j.Task;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CPython's {@code _TestLock}, per start method, with the shared-memory locks and the manager's.
 * The 3.14 tests of {@code locked()} and of the locks' {@code repr} run with the shared-memory
 * locks only, as CPython's run with its processes' locks only.
 */
@ParameterizedClass(name = "{0} {1}")
@MethodSource("io.github.mp4j.conformance.ProcessesOrManager#runs")
class TestLock extends ProcessesOrManager {

    @Test
    void testLock() throws Exception {
        Acquirer lock = lock();
        assertTrue(lock.acquire());
        assertFalse(lock.acquire(false));
        lock.release();
        assertRaises(VALUE_ERROR_STATE, lock::release);
    }

    @Test
    void testRlock() throws Exception {
        Acquirer lock = rlock();
        assertTrue(lock.acquire());
        assertTrue(lock.acquire());
        assertTrue(lock.acquire());
        lock.release();
        lock.release();
        lock.release();
        assertRaises(VALUE_ERROR_STATE, lock::release);
    }

    @Test
    void testLockContext() throws Exception {
        Acquirer lock = lock();
        try (Held held = lock.hold()) {
            assertFalse(lock.acquire(false), "held inside the block");
        }
        assertTrue(lock.acquire(false), "released after it");
    }

    /** Acquires in a process and reports {@code locked()} there, then holds it until {@code done}. */
    private void lockedIn2Processes(Acquirer lock, java.util.function.BooleanSupplier locked) throws Exception {
        assumeFalse(withManager(), "locked() is a method of the shared-memory locks");
        assertFalse(locked.getAsBoolean());
        Event held = new Event();
        Event done = new Event();
        Process p = process(() -> {
            lock.acquire();
            held.set();
            done.await(BOUND);
            lock.release();
        });
        p.start();
        try {
            assertTrue(held.await(BOUND));
            assertTrue(locked.getAsBoolean(), "held by the other process");
        } finally {
            done.set();
            join(p);
        }
        assertFalse(locked.getAsBoolean());
    }

    @Test
    void testLockLocked2processes() throws Exception {
        Lock lock = new Lock();
        lockedIn2Processes(lock, lock::locked);
        lock.acquire();
        assertTrue(lock.locked());
    }

    @Test
    void testRlockLocked2processes() throws Exception {
        RLock lock = new RLock();
        lockedIn2Processes(lock, lock::locked);
        lock.acquire();
        lock.acquire();
        assertTrue(lock.locked());
        lock.release();
        assertTrue(lock.locked());
        lock.release();
        assertFalse(lock.locked());
    }

    /** What {@code lock.toString()} says in a thread named {@code T1} that holds it. */
    private static String reprInThread(Acquirer lock) throws Exception {
        CompletableFuture<String> repr = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                lock.acquire();
                repr.complete(lock.toString());
                lock.release();
            } catch (Throwable e) {
                repr.completeExceptionally(e);
            }
        }, "T1");
        t.start();
        String s = repr.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        t.join(BOUND.toMillis());
        return s;
    }

    /** What {@code lock.toString()} says in a child named {@code P1} that holds it. */
    private String reprInProcess(Acquirer lock) throws Exception {
        Queue q = new Queue();
        Task task = () -> {
            lock.acquire();
            q.put(lock.toString());
            lock.release();
        };
        Process p = process("P1", task);
        p.start();
        String s = (String) q.get(BOUND);
        join(p);
        q.close();
        return s;
    }

    /** Holds {@code lock} in a thread {@code T2} of this process or in a child {@code P2}; returns what it says meanwhile. */
    private String reprWhileHeldElsewhere(Acquirer lock, boolean inProcess) throws Exception {
        Event held = new Event();
        Event done = new Event();
        Task holder = () -> {
            lock.acquire();
            held.set();
            done.await(BOUND);
            lock.release();
        };
        if (inProcess) {
            Process p = process("P2", holder);
            p.start();
            try {
                assertTrue(held.await(BOUND));
                return lock.toString();
            } finally {
                done.set();
                join(p);
            }
        }
        CountDownLatch ended = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                holder.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                ended.countDown();
            }
        }, "T2");
        t.start();
        try {
            assertTrue(held.await(BOUND));
            return lock.toString();
        } finally {
            done.set();
            assertTrue(ended.await(BOUND.toSeconds(), TimeUnit.SECONDS));
        }
    }

    @Test
    @Deliberate("where Python says SomeOtherThread or SomeOtherProcess, the holder is named: "
            + "<Lock(owner=MainProcess|T2)>, <Lock(owner=P2)>")
    void testReprLock() throws Exception {
        assumeFalse(withManager(), "the manager's locks are proxies, whose repr CPython does not test");
        Lock lock = new Lock();
        assertEquals("<Lock(owner=None)>", lock.toString());
        lock.acquire();
        assertEquals("<Lock(owner=MainProcess)>", lock.toString());
        lock.release();
        assertEquals("<Lock(owner=MainProcess|T1)>", reprInThread(lock));
        assertEquals("<Lock(owner=MainProcess|T2)>", reprWhileHeldElsewhere(lock, false));
        assertEquals("<Lock(owner=P1)>", reprInProcess(lock));
        assertEquals("<Lock(owner=P2)>", reprWhileHeldElsewhere(lock, true));
        assertEquals("<Lock(owner=None)>", lock.toString());
    }

    @Test
    @Deliberate("where Python says SomeOtherThread or SomeOtherProcess, the holder is named: "
            + "<RLock(MainProcess|T2, 1)>, <RLock(P2, nonzero)> (the count lives in the holding process)")
    void testReprRlock() throws Exception {
        assumeFalse(withManager(), "the manager's locks are proxies, whose repr CPython does not test");
        RLock lock = new RLock();
        assertEquals("<RLock(None, 0)>", lock.toString());
        lock.acquire();
        assertEquals("<RLock(MainProcess, 1)>", lock.toString());
        lock.acquire();
        assertEquals("<RLock(MainProcess, 2)>", lock.toString());
        lock.release();
        lock.release();
        assertEquals("<RLock(MainProcess|T1, 1)>", reprInThread(lock));
        assertEquals("<RLock(MainProcess|T2, 1)>", reprWhileHeldElsewhere(lock, false));
        assertEquals("<RLock(P1, 1)>", reprInProcess(lock));
        assertEquals("<RLock(P2, nonzero)>", reprWhileHeldElsewhere(lock, true));
        assertEquals("<RLock(None, 0)>", lock.toString());
    }
}
