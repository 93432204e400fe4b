package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The proxies of one started manager, used from this JVM: Python's SyncManager types and their semantics. */
@Timeout(120)
class ManagerTest {

    private static Manager manager;

    @BeforeAll
    static void startManager() throws Exception {
        manager = Manager.start();
    }

    @AfterAll
    static void stopManager() {
        manager.close();
    }

    @Test
    void dictBehavesLikeAMapAndPrintsItsContents() {
        DictProxy<String, Integer> d = manager.dict();
        assertTrue(d.isEmpty());
        assertNull(d.put("a", 1));
        assertEquals(1, d.put("a", 2));
        d.put("b", 3);
        assertEquals(2, d.get("a"));
        assertNull(d.get("missing"));
        assertTrue(d.containsKey("b"));
        assertEquals(2, d.size());
        assertEquals("{a=2, b=3}", d.toString());
        assertEquals(Map.of("a", 2, "b", 3), d);
        assertEquals(List.of("a", "b"), new ArrayList<>(d.keySet()));
        assertThrows(UnsupportedOperationException.class, () -> d.keySet().clear(), "views are snapshots");
        assertEquals(3, d.remove("b"));
        assertEquals(7, d.getOrDefault("x", 7));
        d.putAll(Map.of("c", 4));
        assertEquals(Map.of("a", 2, "c", 4), d.copy());
        d.clear();
        assertEquals(0, d.size());
        DictProxy<String, Integer> initial = manager.dict(Map.of("k", 1));
        assertEquals("{k=1}", initial.toString());
    }

    @Test
    void computeMergeAndUpdateRunInTheManager() {
        DictProxy<String, Integer> d = manager.dict();
        d.put("count", 10);
        assertEquals(9, d.compute("count", (k, v) -> v - 1));
        assertEquals(1, d.merge("hits", 1, Integer::sum));
        assertEquals(2, d.merge("hits", 1, Integer::sum));
        assertEquals(5, d.computeIfAbsent("new", k -> k.length() + 2));
        assertEquals(8, d.update("count", v -> v - 1));
        assertEquals(Map.of("count", 8, "hits", 2, "new", 5), d.copy());
        for (int step : new int[] {1, 2, 3}) { // captured values travel with every call
            d.compute("count", (k, v) -> v - step);
        }
        assertEquals(2, d.get("count"));
        for (int i = 0; i < 3; i++) { // a function without state may be reused by the manager
            d.compute("count", (k, v) -> v + 1);
        }
        assertEquals(5, d.get("count"));
    }

    /** Code written for a Map or ConcurrentMap works with plain lambdas, which cannot travel. */
    @Test
    void aMapTypedVariableTakesFunctionsThatAreNotSerializable() {
        DictProxy<String, Integer> d = manager.dict(Map.of("count", 10));
        ConcurrentMap<String, Integer> m = d;
        assertEquals(9, m.compute("count", (k, v) -> v - 1));
        assertEquals(8, m.merge("count", -1, Integer::sum));
        assertEquals(1, m.merge("hits", 1, Integer::sum));
        assertEquals(4, m.computeIfAbsent("four", String::length));
        assertEquals(4, m.computeIfAbsent("four", k -> 40), "present: the function is not applied");
        assertEquals(40, m.computeIfPresent("four", (k, v) -> v * 10));
        assertNull(m.computeIfPresent("absent", (k, v) -> 1));
        assertNull(m.compute("hits", (k, v) -> null), "null removes the key");
        assertNull(m.merge("four", 1, (a, b) -> null), "null removes the key");
        m.replaceAll((k, v) -> v + 100);
        assertEquals(Map.of("count", 108), d.copy());
    }

    /**
     * A serializable function runs inside the manager's process, in one call; another runs here. The
     * manager of this test is a child JVM, so the pid the function sees tells where it ran.
     */
    @Test
    void serializableFunctionsRunInTheManagerOthersInTheCaller() {
        long here = ProcessHandle.current().pid();
        Map<String, Long> m = manager.dict(Map.of("where", 0L));
        BiFunction<String, Long, Long> travels = (BiFunction<String, Long, Long> & Serializable)
                (k, v) -> ProcessHandle.current().pid();
        assertNotEquals(here, m.compute("where", travels));
        assertEquals(here, m.compute("where", (k, v) -> ProcessHandle.current().pid()));
        BiFunction<Long, Long, Long> mergesThere = (BiFunction<Long, Long, Long> & Serializable)
                (a, b) -> ProcessHandle.current().pid();
        assertNotEquals(here, m.merge("where", 0L, mergesThere));
        Function<String, Long> absentThere = (Function<String, Long> & Serializable) k -> ProcessHandle.current().pid();
        assertNotEquals(here, m.computeIfAbsent("new", absentThere));
        assertEquals(here, m.computeIfPresent("new", (k, v) -> ProcessHandle.current().pid()));
    }

    @Test
    void listBehavesLikeAList() {
        ListProxy<String> l = manager.list();
        l.add("a");
        l.add("c");
        l.add(1, "b");
        assertEquals(List.of("a", "b", "c"), l);
        assertEquals("[a, b, c]", l.toString());
        assertEquals("b", l.set(1, "B"));
        assertEquals("B", l.update(1, s -> s + "!").substring(0, 1));
        assertEquals("B!", l.get(1));
        assertEquals(3, l.size());
        List<String> seen = new ArrayList<>();
        for (String s : l) {
            seen.add(s);
        }
        assertEquals(List.of("a", "B!", "c"), seen);
        assertEquals("a", l.remove(0));
        assertTrue(l.remove("c"));
        assertEquals(List.of("B!"), l.copy());
        // the referent's exception arrives with its type
        assertThrows(IndexOutOfBoundsException.class, () -> l.get(5));
        assertEquals(List.of(1, 2), manager.list(List.of(1, 2)).copy());
    }

    @Test
    void namespaceAndValue() {
        Namespace ns = manager.namespace();
        ns.set("x", 10);
        ns.set("y", "why");
        assertEquals(10, (Integer) ns.get("x"));
        assertTrue(ns.has("y"));
        assertEquals("Namespace(x=10, y=why)", ns.toString());
        ns.set("_hidden", "shared but not shown");
        ns.set("a", 1);
        assertEquals("Namespace(a=1, x=10, y=why)", ns.toString(), "sorted, '_' names hidden, as Python's repr");
        assertEquals("shared but not shown", ns.get("_hidden"));
        ns.delete("a");
        NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> ns.get("z"));
        assertEquals("'Namespace' object has no attribute 'z'", e.getMessage());
        assertEquals(11, (Integer) ns.update("x", (Integer v) -> v + 1));
        ns.delete("y");
        assertFalse(ns.has("y"));

        ValueProxy<Integer> v = manager.value(5);
        assertEquals(5, v.get());
        v.set(6);
        assertEquals(7, v.update(n -> n + 1));
        assertEquals("Value(7)", v.toString());
    }

    @Test
    void lockIsNotOwnedAndASecondReleaseFails() throws Exception {
        AcquirerProxy lock = manager.lock();
        assertTrue(lock.acquire());
        assertFalse(lock.acquire(false));
        assertFalse(lock.acquire(Duration.ofMillis(50)));
        CompletableFuture.runAsync(lock::release).get(30, TimeUnit.SECONDS); // another thread may release
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
        assertEquals("release unlocked lock", e.getMessage());
        try (Held held = lock.hold()) {
            assertFalse(lock.acquire(false));
        }
        assertTrue(lock.acquire(false));
        lock.release();
    }

    @Test
    void interruptingAWaitingCallRaisesInterruptedExceptionAndTheThreadCanGoOn() throws Exception {
        AcquirerProxy lock = manager.lock();
        DictProxy<String, Integer> d = manager.dict();
        lock.acquire();
        CompletableFuture<Thread> waiting = new CompletableFuture<>();
        CompletableFuture<String> outcome = CompletableFuture.supplyAsync(() -> {
            waiting.complete(Thread.currentThread());
            try {
                lock.acquire();
                return "acquired";
            } catch (InterruptedException e) {
                d.put("after", 1); // the same thread calls again: a new connection
                return "interrupted";
            }
        });
        Thread t = waiting.get(30, TimeUnit.SECONDS);
        Thread.sleep(200); // into the wait (an interrupt before it is reported the same way)
        t.interrupt();
        assertEquals("interrupted", outcome.get(30, TimeUnit.SECONDS));
        assertEquals(1, d.get("after"));
        lock.release();
        assertTrue(lock.acquire(Duration.ofSeconds(30)), "the abandoned wait does not keep the lock");
        lock.release();
    }

    @Test
    void anInterruptedGetLeavesTheItemForTheNextGetter() throws Exception {
        QueueProxy<String> q = manager.queue();
        CompletableFuture<Thread> waiting = new CompletableFuture<>();
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread getter = new Thread(() -> {
            q.qsize(); // connects: interrupt the wait, not the connecting
            waiting.complete(Thread.currentThread());
            try {
                outcome.complete(q.get());
            } catch (InterruptedException e) {
                outcome.complete("interrupted");
            }
        });
        getter.start();
        waiting.get(30, TimeUnit.SECONDS).interrupt();
        assertEquals("interrupted", outcome.get(30, TimeUnit.SECONDS));
        q.put("item");  // the server's abandoned wait may take it: it must give it back
        assertEquals("item", q.get(Duration.ofSeconds(30)));
        assertEquals(0, q.qsize());
    }

    @Test
    void rlockIsOwnedByTheAcquiringThread() throws Exception {
        AcquirerProxy rlock = manager.rlock();
        assertTrue(rlock.acquire());
        assertTrue(rlock.acquire(false), "reentrant");
        assertFalse(CompletableFuture.supplyAsync(() -> {
            try {
                return rlock.acquire(false);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }).get(30, TimeUnit.SECONDS), "another thread cannot take it");
        IllegalStateException other = assertThrows(IllegalStateException.class, () -> {
            try {
                CompletableFuture.runAsync(rlock::release).get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause();
            }
        });
        assertEquals("cannot release un-acquired lock", other.getMessage());
        rlock.release();
        rlock.release();
        assertThrows(IllegalStateException.class, rlock::release);
    }

    @Test
    void semaphores() throws Exception {
        AcquirerProxy s = manager.semaphore(2);
        assertTrue(s.acquire());
        assertTrue(s.acquire());
        assertFalse(s.acquire(false));
        s.release();
        s.release();
        s.release(); // unbounded, as Python's
        AcquirerProxy b = manager.boundedSemaphore(1);
        assertTrue(b.acquire());
        b.release();
        assertEquals("Semaphore released too many times",
                assertThrows(IllegalStateException.class, b::release).getMessage());
    }

    @Test
    void queueOfTwoIsFullAfterTwoPutsAndKeepsOrder() throws Exception {
        QueueProxy<String> q = manager.queue(2);
        assertTrue(q.empty());
        q.put("a");
        q.put("b");
        assertTrue(q.full());
        assertEquals(2, q.qsize());
        assertThrows(Queue.Full.class, () -> q.putNowait("c"));
        assertThrows(Queue.Full.class, () -> q.put("c", Duration.ofMillis(50)));
        assertEquals("a", q.get());
        assertEquals("b", q.get(Duration.ofSeconds(5)));
        assertThrows(Queue.Empty.class, q::getNowait);
        assertThrows(Queue.Empty.class, () -> q.get(Duration.ofMillis(50)));
        q.put(null); // an item like any other, as in Python and Queue
        assertNull(q.get(Duration.ofSeconds(5)));
        q.taskDone();
        q.taskDone();
        q.taskDone();
        q.join(); // nothing unfinished
        assertEquals("task_done() called too many times",
                assertThrows(IllegalStateException.class, q::taskDone).getMessage());
    }

    @Test
    void eventConditionAndBarrierAcrossThreads() throws Exception {
        EventProxy ev = manager.event();
        assertFalse(ev.await(Duration.ofMillis(30)));
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return ev.await(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        ev.set();
        assertTrue(waiter.get(30, TimeUnit.SECONDS));
        assertTrue(ev.isSet());
        ev.clear();
        assertFalse(ev.isSet());

        ConditionProxy cond = manager.condition();
        ListProxy<String> jobs = manager.list();
        CompletableFuture<Boolean> consumer = CompletableFuture.supplyAsync(() -> {
            try (Held held = cond.hold()) {
                return cond.awaitFor(() -> !jobs.isEmpty(), Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try (Held held = cond.hold()) {
            jobs.add("job");
            cond.signalAll();
        }
        assertTrue(consumer.get(30, TimeUnit.SECONDS));
        assertThrows(IllegalStateException.class, cond::signal, "signal without the lock");

        BarrierProxy barrier = manager.barrier(2);
        assertEquals(2, barrier.parties());
        CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> {
            try {
                return barrier.await(Duration.ofSeconds(30));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        int mine = barrier.await(Duration.ofSeconds(30));
        assertEquals(1, mine + other.get(30, TimeUnit.SECONDS), "indices 0 and 1");
        assertThrows(TimeoutException.class, () -> barrier.await(Duration.ofMillis(50)));
        assertTrue(barrier.isBroken());
        barrier.reset();
        barrier.abort();
        assertThrows(BrokenBarrierException.class, barrier::await);
    }
}
