package io.github.mp4j.conformance;

import static io.github.mp4j.conformance.Children.BOUND;
import static io.github.mp4j.conformance.PythonError.RUNTIME_ERROR;
import static io.github.mp4j.conformance.PythonError.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.AcquirerProxy;
import io.github.mp4j.BarrierProxy;
import io.github.mp4j.DictProxy;
import io.github.mp4j.EventProxy;
import io.github.mp4j.ListProxy;
import io.github.mp4j.Manager;
import io.github.mp4j.Namespace;
import io.github.mp4j.Process;
import io.github.mp4j.QueueProxy;
import io.github.mp4j.Task;
import io.github.mp4j.ValueProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * CPython's {@code TestSyncManagerTypes}: each shared type, made in this process, used in a child
 * through its proxy, and seen changed here. One manager serves the whole class (CPython starts one
 * per test) to keep the suite's time down.
 */
@NotApplicable(method = "test_pool", reason = "mp4j's Manager has no pool proxy (CPython's own test only enters "
        + "and leaves one, bpo-35919); a process makes its own Pool")
class TestSyncManagerTypes {
    @AutoClose
    private static final Manager manager = Children.manager();
    private Process proc;

    @AfterEach
    void endWorker() throws InterruptedException {
        if (proc != null && proc.isAlive()) {
            proc.terminate();
            proc.join(BOUND);
        }
    }

    /** CPython's {@code run_worker}: runs {@code worker} in a child and asserts it ended well. */
    private void runWorker(Task worker) throws Exception {
        proc = Children.start(null, worker);
        Children.joined(proc);
    }

    @Test
    void testEvent() throws Exception {
        EventProxy o = manager.event();
        o.set();
        runWorker(() -> {
            assertTrue(o.isSet());
            assertTrue(o.await(BOUND));
            o.clear();
            o.await(Duration.ofMillis(1));
        });
        assertFalse(o.isSet());
        assertFalse(o.await(Duration.ofMillis(1)));
    }

    @Test
    void testLock() throws Exception {
        AcquirerProxy o = manager.lock();
        runWorker(() -> assertTrue(o.acquire()));
        o.release();
        assertRaises(RUNTIME_ERROR, o::release);
    }

    @Test
    void testRlock() throws Exception {
        acquiredAndReleasedInAChild(manager.rlock());
    }

    /** The child takes and gives back {@code o}; afterwards this process can take it at once. */
    private void acquiredAndReleasedInAChild(AcquirerProxy o) throws Exception {
        runWorker(() -> {
            assertTrue(o.acquire());
            o.release();
        });
        assertTrue(o.acquire(false));
        o.release();
    }

    @Test
    void testSemaphore() throws Exception {
        semaphore(manager.semaphore(1));
    }

    @Test
    void testBoundedSemaphore() throws Exception {
        semaphore(manager.boundedSemaphore(1));
    }

    private void semaphore(AcquirerProxy o) throws Exception {
        runWorker(() -> assertTrue(o.acquire()));
        assertFalse(o.acquire(false), "the child's acquire holds");
        o.release();
        assertTrue(o.acquire(false));
    }

    @Test
    void testCondition() throws Exception {
        acquiredAndReleasedInAChild(manager.condition());
    }

    @Test
    void testBarrier() throws Exception {
        BarrierProxy o = manager.barrier(5);
        runWorker(() -> {
            assertEquals(5, o.parties());
            o.reset();
        });
        assertFalse(o.isBroken());
    }

    @Test
    void testQueue() throws Exception {
        queue(manager.queue(2));
    }

    @Test
    void testJoinableQueue() throws Exception {
        // a manager's queue is joinable, as CPython's manager JoinableQueue is the same queue.Queue
        QueueProxy<Integer> o = manager.queue(2);
        queue(o);
        o.taskDone();
        o.taskDone();
        o.join();
    }

    private void queue(QueueProxy<Integer> o) throws Exception {
        o.put(5);
        o.put(6);
        runWorker(() -> {
            assertEquals(2, o.qsize());
            assertTrue(o.full());
            assertFalse(o.empty());
            assertEquals(5, o.get());
            assertFalse(o.empty());
            assertEquals(6, o.get());
            assertTrue(o.empty());
        });
        assertTrue(o.empty());
        assertFalse(o.full());
    }

    @Test
    void testList() throws Exception {
        ListProxy<Integer> o = manager.list();
        o.add(5);
        runWorker(() -> {
            assertEquals(5, o.get(0));
            assertEquals(1, Collections.frequency(o, 5));
            assertEquals(0, o.indexOf(5));
            o.sort(null);
            Collections.reverse(o);
            for (Integer x : o) {
                assertEquals(5, x);
            }
            assertEquals(1, o.size());
            assertEquals(5, o.remove(0));
        });
        assertEquals(0, o.size());
    }

    @Test
    void testDict() throws Exception {
        DictProxy<String, Integer> o = manager.dict();
        o.put("foo", 5);
        runWorker(() -> {
            assertEquals(1, o.size());
            assertEquals(5, o.get("foo"));
            assertEquals(5, o.getOrDefault("foo", 0));
            assertEquals(List.of(Map.entry("foo", 5)), new ArrayList<>(o.entrySet()));
            assertEquals(List.of("foo"), new ArrayList<>(o.keySet()));
            assertEquals(List.of(5), new ArrayList<>(o.values()));
            assertEquals(Map.of("foo", 5), o.copy());
            assertEquals(5, o.remove("foo")); // Java's Map has no popitem
        });
        assertEquals(0, o.size());
    }

    @Test
    void testValue() throws Exception {
        ValueProxy<Integer> o = manager.value(1);
        runWorker(() -> {
            assertEquals(1, o.get());
            o.set(2);
        });
        assertEquals(2, o.get());
    }

    @Test
    @Deliberate("mp4j's Manager has no array(): CPython's manager Array is a list of one element type, which "
            + "in Java is a ListProxy<Integer> (or, without a manager, a shared-memory Array); the test runs "
            + "on manager.list")
    void testArray() throws Exception {
        ListProxy<Integer> o = manager.list(List.of(0, 1));
        runWorker(() -> {
            assertEquals(0, o.get(0));
            assertEquals(1, o.get(1));
            assertEquals(2, o.size());
            assertEquals(List.of(0, 1), new ArrayList<>(o));
        });
    }

    @Test
    void testNamespace() throws Exception {
        Namespace o = manager.namespace();
        o.set("x", 0);
        o.set("y", 1);
        runWorker(() -> {
            assertEquals(0, (Integer) o.get("x"));
            assertEquals(1, (Integer) o.get("y"));
        });
    }
}
