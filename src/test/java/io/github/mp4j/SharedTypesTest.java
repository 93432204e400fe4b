package io.github.mp4j;

import io.github.mp4j.cluster.IgniteStore;
import io.github.mp4j.manager.Proxies;
import io.github.mp4j.manager.RpcServer;
import io.github.mp4j.manager.RpcStore;
import io.github.mp4j.manager.SharedStore;
import io.github.mp4j.manager.SharedType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The table of shared types ({@link SharedType}) holds on both stores: every method that a built-in
 * proxy calls is answered by the object behind it, on the manager server and on the cluster. Each
 * type's proxy is driven through every one of its methods over a store that records the method names
 * it sends; each call must succeed (a method without a case would fail as "not exposed"), and the
 * names sent must be exactly the type's exposed methods, so a method added to the table without a
 * call here fails this test.
 */
@Timeout(300)
class SharedTypesTest {

    private static RpcServer server;
    private static Cluster cluster;
    private static IgniteStore clusterStore;

    @BeforeAll
    static void start() throws IOException {
        server = new RpcServer("127.0.0.1:0", "shared-types".getBytes());
        cluster = Cluster.startLocal(1);
        clusterStore = IgniteStore.on(cluster.link(), cluster.client());
    }

    @AfterAll
    static void stop() {
        if (clusterStore != null) {
            clusterStore.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theManagerServerAnswersEveryMethodOfEveryProxy() throws Exception {
        for (SharedType type : SharedType.values()) {
            Recording store = new Recording(new RpcStore(server.address(), "shared-types".getBytes()));
            exercise(type, store);
            if (type == SharedType.LOCK) {
                // asked by a MappedAcquirer only where it can map the server's memory (another process on this host)
                assertNotNull(store.call(store.lastId, SharedType.AcquirerMethod.mapping.name()));
            }
            assertEquals(names(type.methods()), store.sent, type.typeid());
        }
    }

    @Test
    void theClusterAnswersEveryMethodOfEveryProxy() throws Exception {
        for (SharedType type : SharedType.values()) {
            Recording store = new Recording(clusterStore);
            exercise(type, store);
            Set<String> expected = names(type.methods());
            if (type == SharedType.LOCK) {
                // a cluster's Lock proxy is a plain RemoteAcquirer: nothing to map, and nothing asks
                expected.remove(SharedType.AcquirerMethod.mapping.name());
                assertThrows(RemoteError.class,
                        () -> clusterStore.call(store.lastId, SharedType.AcquirerMethod.mapping.name()));
            }
            assertEquals(expected, store.sent, type.typeid());
        }
    }

    /** Calls every method of a new {@code type} object's proxy, checking a few answers on the way. */
    private static void exercise(SharedType type, SharedStore store) throws Exception {
        switch (type) {
            case DICT -> {
                DictProxy<String, Integer> d = Proxies.create(store, type, new LinkedHashMap<>(Map.of("a", 1)));
                assertEquals(1, d.get("a"));
                d.put("b", 2);
                d.remove("b");
                assertFalse(d.remove("a", 99));
                assertTrue(d.containsKey("a"));
                assertTrue(d.containsValue(1));
                d.putAll(Map.of("c", 3));
                d.putIfAbsent("d", 4);
                assertEquals(0, d.getOrDefault("x", 0));
                d.replace("c", 5);
                d.replace("c", 5, 6);
                assertEquals(7, d.compute("c", (k, v) -> v + 1));
                d.computeIfPresent("c", (k, v) -> v + 1);
                d.computeIfAbsent("e", k -> 9);
                d.merge("e", 1, (x, y) -> x + y);
                d.update("e", v -> v + 1);
                assertEquals(Map.of("a", 1, "c", 8, "d", 4, "e", 11), d.copy());
                assertEquals(List.of("a", "c", "d", "e"), new ArrayList<>(d.keySet()));
                assertEquals(List.of(1, 8, 4, 11), new ArrayList<>(d.values()));
                assertEquals(4, d.entrySet().size());
                assertEquals("{a=1, c=8, d=4, e=11}", d.toString());
                d.clear();
                assertEquals(0, d.size());
            }
            case LIST -> {
                ListProxy<String> l = Proxies.create(store, type, new ArrayList<>(List.of("a")));
                l.add("b");
                l.add(0, "z");
                l.set(0, "y");
                assertEquals("y", l.remove(0));
                assertTrue(l.remove("b"));
                l.addAll(List.of("c", "a"));
                l.addAll(0, List.of("d"));
                assertEquals("d", l.get(0));
                assertTrue(l.contains("c"));
                assertEquals(1, l.indexOf("a"));
                assertEquals(3, l.lastIndexOf("a"));
                l.removeAll(List.of("d"));
                l.retainAll(List.of("a", "c"));
                l.update(0, s -> s.toUpperCase());
                assertEquals(List.of("A", "c", "a"), l.copy());
                assertEquals("[A, c, a]", l.toString());
                l.clear();
                assertEquals(0, l.size());
            }
            case NAMESPACE -> {
                Namespace ns = Proxies.create(store, type);
                ns.set("n", 1);
                assertEquals(2, ns.<Integer>update("n", n -> n + 1));
                assertEquals(2, ns.<Integer>get("n"));
                assertTrue(ns.has("n"));
                assertEquals("Namespace(n=2)", ns.toString());
                ns.delete("n");
            }
            case VALUE -> {
                ValueProxy<Integer> v = Proxies.create(store, type, 1);
                v.set(2);
                assertEquals(3, v.update(n -> n + 1));
                assertEquals(3, v.get());
                assertEquals("Value(3)", v.toString());
            }
            case LOCK, RLOCK -> exerciseAcquirer(Proxies.create(store, type), type.typeid() + "(locked)");
            case SEMAPHORE, BOUNDED_SEMAPHORE -> exerciseAcquirer(Proxies.create(store, type, 1),
                    type.typeid() + "(value=0)");
            case CONDITION -> {
                ConditionProxy c = Proxies.create(store, type);
                assertTrue(c.acquire());
                c.signal();
                c.signalAll();
                assertFalse(c.await(Duration.ofMillis(1)));
                assertEquals("<Condition(locked)>", c.toString());
                c.release();
            }
            case EVENT -> {
                EventProxy e = Proxies.create(store, type);
                e.set();
                assertTrue(e.isSet());
                assertTrue(e.await(Duration.ofSeconds(10)));
                e.clear();
                assertEquals("<Event(unset)>", e.toString());
            }
            case BARRIER -> {
                BarrierProxy b = Proxies.create(store, type, 1);
                assertEquals(0, b.await(Duration.ofSeconds(10)));
                assertEquals(1, b.parties());
                assertEquals(0, b.nWaiting());
                b.abort();
                assertTrue(b.isBroken());
                b.reset();
                assertEquals("<Barrier(parties=1, waiting=0)>", b.toString());
            }
            case QUEUE -> {
                QueueProxy<String> q = Proxies.create(store, type, 1);
                q.put("x");
                assertTrue(q.full());
                assertEquals(1, q.qsize());
                assertEquals("x", q.get(Duration.ofSeconds(10)));
                assertTrue(q.empty());
                q.taskDone();
                q.join();
                assertEquals("<Queue(qsize=0, maxsize=1)>", q.toString());
            }
        }
    }

    private static void exerciseAcquirer(AcquirerProxy lock, String held) throws InterruptedException {
        assertTrue(lock.acquire(Duration.ofSeconds(10)));
        assertEquals("<" + held + ">", lock.toString());
        lock.release();
    }

    private static Set<String> names(java.util.Collection<SharedType.Exposed> methods) {
        Set<String> names = new TreeSet<>();
        methods.forEach(m -> names.add(m.name()));
        return names;
    }

    /** A store that forwards to another and records the names of the methods called through it. */
    private static final class Recording implements SharedStore {
        private static final long serialVersionUID = 1L;
        private final SharedStore store;
        final Set<String> sent = new ConcurrentSkipListSet<>();
        long lastId;

        Recording(SharedStore store) {
            this.store = store;
        }

        @Override
        public long create(String typeid, Object... args) throws Exception {
            lastId = store.create(typeid, args);
            return lastId;
        }

        @Override
        public Object call(long id, String method, Object... args) throws Exception {
            sent.add(method);
            return store.call(id, method, args);
        }

        @Override
        public void register(String typeid, SerializableCallable<?> factory) throws Exception {
            store.register(typeid, factory);
        }

        @Override
        public String describe() {
            return store.describe();
        }
    }
}
