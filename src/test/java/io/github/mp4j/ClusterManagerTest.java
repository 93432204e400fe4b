package io.github.mp4j;

import io.github.mp4j.cluster.IgniteStore;
import io.github.mp4j.wire.ObjectCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code Manager.on(cluster)}: the local manager's proxies over a two-node local cluster. */
@Timeout(400)
class ClusterManagerTest {

    static Cluster cluster;
    static Manager manager;

    @BeforeAll
    static void start() throws IOException {
        cluster = Cluster.startLocal(2);
        manager = Manager.on(cluster);
    }

    @AfterAll
    static void stop() {
        if (manager != null) {
            manager.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A user record: the server nodes never see its class, only its bytes. */
    record Point(int x, int y) implements java.io.Serializable {}

    @Test
    void dataObjectsBehaveAsOnALocalManager() {
        DictProxy<String, Object> d = manager.dict(Map.of("count", 10));
        d.put("p", new Point(1, 2));
        assertEquals(new Point(1, 2), d.get("p"));
        assertEquals(10, d.get("count"));
        assertEquals(9, d.compute("count", (k, v) -> (Integer) v - 1));
        assertEquals(12, d.merge("count", 3, (a, b) -> (Integer) a + (Integer) b));
        assertEquals(13, d.update("count", v -> (Integer) v + 1));
        assertEquals("{count=13, p=Point[x=1, y=2]}", d.toString());
        assertEquals(2, d.size());
        assertTrue(d.containsKey("p"));
        assertEquals(List.of("count", "p"), new ArrayList<>(d.keySet()));

        ListProxy<Integer> l = manager.list(List.of(1, 2));
        l.add(3);
        assertEquals(3, l.size());
        assertEquals("[1, 2, 3]", l.toString());
        assertThrows(IndexOutOfBoundsException.class, () -> l.get(99), "the object's exception, with its type");

        Namespace ns = manager.namespace();
        ns.set("name", "x");
        assertEquals("x", ns.get("name"));
        assertEquals("Namespace(name=x)", ns.toString());

        ValueProxy<Double> v = manager.value(1.5);
        assertEquals(3.0, v.update(x -> x * 2));
        assertEquals("Value(3.0)", v.toString());
    }

    @Test
    void aFailedFunctionChangesNothing() {
        DictProxy<String, Integer> d = manager.dict(Map.of("n", 1));
        assertThrows(ArithmeticException.class, () -> d.compute("n", (k, x) -> x / 0));
        assertEquals(1, d.get("n"), "the transaction rolled back");
    }

    /**
     * Many threads add to one count, through {@code compute} in the store's transaction and through
     * {@code merge} on a {@code Map}-typed variable, whose function cannot travel and runs
     * ConcurrentMap's loop of atomic replace calls: nothing is lost.
     */
    @Test
    void computeAndMergeFromManyThreadsLoseNothing() throws Exception {
        DictProxy<String, Integer> d = manager.dict(Map.of("count", 0));
        Map<String, Integer> m = d;
        int threads = 6;
        int rounds = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < rounds; i++) {
                        d.compute("count", (k, v) -> v + 1);
                        m.merge("count", 1, Integer::sum);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * rounds * 2, d.get("count"));
    }

    @Test
    void processesTakingTheLockDecrementToExactlyZero() throws Exception {
        int processes = 4;
        int rounds = 5;
        DictProxy<String, Integer> d = manager.dict(Map.of("count", processes * rounds, "computed", processes * rounds));
        AcquirerProxy lock = manager.lock();
        List<Process> workers = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            Process p = new Process(() -> {
                for (int r = 0; r < rounds; r++) {
                    try (Held held = lock.hold()) {
                        d.put("count", d.get("count") - 1);   // the notes' d['count'] -= 1
                    }
                    d.compute("computed", (k, v) -> v - 1);
                }
            });
            p.start();
            workers.add(p);
        }
        for (Process p : workers) {
            p.join(Duration.ofSeconds(150));
            assertEquals(0, p.exitCode(), "a worker failed (its error output is above)");
        }
        assertEquals(Map.of("count", 0, "computed", 0), d.copy());
    }

    @Test
    void whatADeadProcessHeldIsReleased() throws Exception {
        AcquirerProxy lock = manager.lock();
        AcquirerProxy rlock = manager.rlock();
        EventProxy holding = manager.event();
        Process holder = new Process(() -> {
            lock.acquire();
            rlock.acquire();
            holding.set();
            Thread.sleep(600_000);
        });
        holder.start();
        try {
            assertTrue(holding.await(Duration.ofSeconds(120)), "the holder took the locks");
            assertFalse(lock.acquire(false));
        } finally {
            holder.kill();
            holder.join(Duration.ofSeconds(30));
        }
        // Ignite notices that a client died within its client failure detection timeout (30 s), and
        // gives a semaphore's permits back some time after; generous bounds for a loaded machine
        assertTrue(rlock.acquire(Duration.ofSeconds(150)), "the RLock of a dead client is released");
        assertTrue(lock.acquire(Duration.ofSeconds(150)), "the Lock of a dead client is released");
        rlock.release();
        lock.release();
    }

    @Test
    void proxiesTravelAndSeeTheSameObjects() throws Exception {
        DictProxy<String, Integer> d = manager.dict();
        ListProxy<DictProxy<String, Integer>> holder = manager.list();
        holder.add(d);
        @SuppressWarnings("unchecked")
        DictProxy<String, Integer> copy = (DictProxy<String, Integer>) ObjectCodec.deserialize(ObjectCodec.serialize(d));
        copy.put("a", 1);
        assertEquals(1, d.get("a"));
        assertEquals(d, copy);
        holder.get(0).put("b", 2);
        assertEquals(2, d.get("b"), "a proxy kept inside another shared object reaches the same dict");
    }

    @Test
    void locksFollowPythonsRules() throws Exception {
        AcquirerProxy lock = manager.lock();
        assertTrue(lock.acquire());
        assertFalse(lock.acquire(false));
        assertEquals("<Lock(locked)>", lock.toString());
        CompletableFuture.runAsync(lock::release).get(60, TimeUnit.SECONDS); // any thread may release a Lock
        assertThrows(IllegalStateException.class, lock::release, "release unlocked lock");

        AcquirerProxy rlock = manager.rlock();
        assertTrue(rlock.acquire());
        assertTrue(rlock.acquire(), "reentrant");
        Boolean otherGot = CompletableFuture.supplyAsync(() -> {
            try {
                return rlock.acquire(Duration.ofMillis(200));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }).get(60, TimeUnit.SECONDS);
        assertFalse(otherGot, "another thread waits for the owner");
        Throwable notOwner = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> CompletableFuture.runAsync(rlock::release).get(60, TimeUnit.SECONDS)).getCause();
        assertTrue(notOwner instanceof IllegalStateException, notOwner.toString());
        rlock.release();
        rlock.release();

        AcquirerProxy bounded = manager.boundedSemaphore(2);
        assertTrue(bounded.acquire());
        bounded.release();
        assertThrows(IllegalStateException.class, bounded::release);
        AcquirerProxy semaphore = manager.semaphore(1);
        semaphore.release();
        assertEquals("<Semaphore(value=2)>", semaphore.toString());
    }

    @Test
    void eventConditionAndBarrierWakeWaiters() throws Exception {
        EventProxy event = manager.event();
        assertFalse(event.await(Duration.ofMillis(100)));
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return event.await(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        event.set();
        assertTrue(waiter.get(90, TimeUnit.SECONDS));
        assertEquals("<Event(set)>", event.toString());
        event.clear();
        assertFalse(event.isSet());

        ConditionProxy condition = manager.condition();
        ValueProxy<Integer> ready = manager.value(0);
        CompletableFuture<Boolean> awaiting = CompletableFuture.supplyAsync(() -> {
            try (Held held = condition.hold()) {
                return condition.awaitFor(() -> ready.get() == 1, Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try (Held held = condition.hold()) {
            ready.set(1);
            condition.signalAll();
        }
        assertTrue(awaiting.get(90, TimeUnit.SECONDS));
        assertThrows(IllegalStateException.class, condition::signal, "cannot notify on un-acquired lock");

        BarrierProxy barrier = manager.barrier(2);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> {
            try {
                return barrier.await(Duration.ofSeconds(60));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        int second = barrier.await(Duration.ofSeconds(60));
        assertEquals(java.util.Set.of(0, 1), java.util.Set.of(second, first.get(90, TimeUnit.SECONDS)));
        assertThrows(TimeoutException.class, () -> barrier.await(Duration.ofMillis(200)));
        assertTrue(barrier.isBroken());
        assertThrows(BrokenBarrierException.class, barrier::await);
        barrier.reset();
        assertFalse(barrier.isBroken());
    }

    @Test
    void queueCarriesUserValuesAndCountsTasks() throws Exception {
        QueueProxy<Point> q = manager.queue(1);
        q.put(new Point(3, 4));
        assertThrows(Queue.Full.class, () -> q.putNowait(new Point(0, 0)));
        assertTrue(q.full());
        assertEquals("<Queue(qsize=1, maxsize=1)>", q.toString());
        assertEquals(new Point(3, 4), q.get(Duration.ofSeconds(30)));
        assertThrows(Queue.Empty.class, q::getNowait);
        CompletableFuture<Void> joined = CompletableFuture.runAsync(() -> {
            try {
                q.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        q.taskDone();
        joined.get(60, TimeUnit.SECONDS);
        assertThrows(IllegalStateException.class, q::taskDone, "task_done() called too many times");
    }

    @Test
    void registeredTypesAndClosingTheManager() throws Exception {
        try (Manager other = Manager.on(cluster)) {
            other.register("Counter", Counter::new);
            CounterApi c = other.create("Counter", CounterApi.class);
            assertEquals(1, c.increment());
            assertEquals(2, c.increment());
            assertThrows(RemoteError.class, () -> other.create("Nothing", CounterApi.class));
            DictProxy<String, Integer> d = other.dict(Map.of("a", 1));
            other.close();
            RemoteError gone = assertThrows(RemoteError.class, () -> d.get("a"));
            assertTrue(gone.getMessage().contains("no shared object"), gone.getMessage());
            List<Object> typesLeft = new ArrayList<>();
            cluster.client().<Object, byte[]>cache(IgniteStore.CACHE).forEach(entry -> {
                if (entry.getKey() instanceof String key && key.startsWith("type:")) {
                    typesLeft.add(key);
                }
            });
            assertEquals(List.of(), typesLeft, "registered types left in the cluster by a closed manager");
        }
        assertNotEquals(manager.address(), "", "address names the cluster");
        assertTrue(manager.toString().contains(cluster.discovery()), manager.toString());
    }

    public interface CounterApi {
        int increment();
    }

    public static final class Counter implements java.io.Serializable {
        private int n;

        public int increment() {
            return ++n;
        }
    }
}
