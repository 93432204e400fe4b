package io.github.mp4j.cluster;

import io.github.mp4j.RemoteError;
import io.github.mp4j.SerializableCallable;
import io.github.mp4j.manager.DataObjects;
import io.github.mp4j.manager.SharedStore;
import io.github.mp4j.manager.SharedType;
import io.github.mp4j.manager.Unreachable;
import io.github.mp4j.shipping.ClassShipping;
import io.github.mp4j.spawn.ChildOptions;
import io.github.mp4j.wire.ObjectCodec;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteTransactions;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.transactions.Transaction;
import org.apache.ignite.transactions.TransactionConcurrency;
import org.apache.ignite.transactions.TransactionIsolation;

import java.io.IOException;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The shared objects of {@code Manager.on(cluster)}, kept in an Ignite cluster; the proxies are the
 * local manager's own.
 *
 * <h2>Implementation overview</h2>
 * <ul>
 * <li><b>Data objects</b> (dict, list, Namespace, Value, registered types) are the manager server's
 *     own objects ({@link DataObjects}), each kept serialized by mp4j's {@link ObjectCodec} (with
 *     its deserialization filter) as one {@code byte[]} entry of a TRANSACTIONAL cache with one
 *     backup. Server nodes hold only bytes, so they never need a user class, and every call runs in
 *     the calling JVM, where the classes of its values and functions are. A call that only reads
 *     reads the entry; any other call runs in a pessimistic REPEATABLE_READ transaction: reading
 *     the entry locks it cluster-wide, the call runs (a {@code compute}'s function exactly once),
 *     the new bytes are written and the transaction commits, or rolls back if the call threw. So
 *     {@code compute}/{@code merge}/{@code update} are atomic as on a local manager, at the price of
 *     moving the whole object for each call (fine for counters and small tables; a large dict is
 *     better split into several). Chosen over a cluster-wide lock around get/put because the
 *     transaction's entry lock is released when the holding client dies, and over an optimistic
 *     compare-and-set loop because that would run a function again under contention. A call made
 *     inside another's function (a nested proxy) joins the running transaction.
 * <li><b>Synchronization objects</b> are Ignite's own data structures, named after the object's id
 *     ({@link ClusterSync}): Lock, Semaphore and BoundedSemaphore an {@code IgniteSemaphore}; RLock
 *     and Condition an {@code IgniteLock} and its condition; Event and Queue built from those, an
 *     atomic long and an {@code IgniteQueue} of serialized items. All are failover-safe: what a
 *     client holds is released when that client leaves the cluster.
 * <li><b>Ids</b> come from a cluster-wide sequence; the low four bits hold the type (its
 *     {@link SharedType} ordinal, or 15 for a registered type), so a call needs no lookup to know
 *     where the object is. The sequence starts from the clock, so that the proxies of objects lost
 *     with every server node never reach new objects.
 * <li><b>Where it runs</b>: the store is serializable (the cluster's {@link ClusterLink} and a name
 *     for its registered types); in a JVM that receives a proxy, the first call joins the cluster as
 *     a client ({@link ClusterLink#client}), which takes a few seconds.
 * <li><b>Failures</b>: a client cut off from every server node fails each call at once with
 *     {@link Unreachable} (the proxies throw {@link java.io.UncheckedIOException}); Ignite reconnects
 *     the client by itself when servers are back. Objects survive the loss of one server node (one
 *     backup of everything), not of all of them.
 * </ul>
 */
public final class IgniteStore implements SharedStore {

    private static final long serialVersionUID = 1L;

    public static final String CACHE = "mp4j-manager";
    private static final String IDS = "mp4j-manager-ids";
    /** How long one data call may hold its object (a slow {@code compute} function fails after this). */
    private static final long TX_TIMEOUT_MS = Long.getLong("mp4j.cluster.txTimeoutMs", 60_000);

    /** How often a data call runs when server nodes leave during it, and how long it waits for them. */
    private static final int RETRIES = 3;
    private static final long TOPOLOGY_WAIT_MS = 30_000;

    /** The built-in types by their code, their ordinal: the low four bits of an id. */
    private static final SharedType[] TYPES = SharedType.values();
    /** The code of an object of a registered type, above every built-in type's. */
    private static final int REGISTERED = 15;

    private final ClusterLink link;
    /** Registered types belong to one manager: their cache keys start with this. */
    private final String space;

    private transient volatile Ignite ignite;
    private transient volatile IgniteCache<Object, byte[]> cache;
    private transient Map<Long, ClusterSync> structures;
    /** The objects made through this instance, which {@link #close()} removes. */
    private transient Queue<Long> created;
    /** The cache keys of the types registered through this instance, which {@link #close()} removes. */
    private transient java.util.Set<String> registeredKeys;

    private IgniteStore(ClusterLink link, Ignite ignite) {
        this.link = link;
        this.space = UUID.randomUUID().toString();
        this.ignite = ignite;
        this.created = new ConcurrentLinkedQueue<>();
        this.registeredKeys = ConcurrentHashMap.newKeySet();
    }

    /** A new store (a manager) on the cluster that {@code ignite}, a client node of {@code link}, joined. */
    public static IgniteStore on(ClusterLink link, Ignite ignite) {
        ChildOptions.add(NodeConfig.jvmOptions()); // proxies may travel to children, which then join
        return new IgniteStore(link, ignite);
    }

    @Override
    public long create(String typeid, Object... args) throws Exception {
        return guarded(() -> {
            SharedType type = SharedType.named(typeid);
            long id = ignite().atomicSequence(IDS, firstId(), true).incrementAndGet() << 4
                    | (type == null ? REGISTERED : type.ordinal());
            if (type == null || type.isData()) {
                SerializableCallable<?> factory = type == null ? registered(typeid) : null;
                cache().put(id, ObjectCodec.serialize(DataObjects.create(type, args, factory)));
            } else {
                ClusterSync.create(ignite(), id, type, args);
            }
            if (created != null) {
                created.add(id);
            }
            return id;
        });
    }

    /**
     * Where a cluster's id sequence starts: after the clock's milliseconds times 1024, so a cluster
     * whose nodes all stopped and restarted (its sequence begins anew) never gives an old proxy's id
     * to a new object, unless the old one made over 1024 objects a millisecond.
     */
    private static long firstId() {
        return System.currentTimeMillis() << 10;
    }

    @Override
    public Object call(long id, String method, Object... args) throws Exception {
        return guarded(() -> {
            SharedType type = typeOf(id);
            if (type == null || type.isData()) {
                boolean reads = type != null && type.reads(method);
                return reads ? read(id, method, args) : retried(() -> write(id, method, args));
            }
            return structure(id, type).call(method, args);
        });
    }

    @Override
    public void register(String typeid, SerializableCallable<?> factory) throws Exception {
        guarded(() -> {
            cache().put(typeKey(typeid), ObjectCodec.serialize(factory));
            if (registeredKeys != null) {
                registeredKeys.add(typeKey(typeid));
            }
            return null;
        });
    }

    private SerializableCallable<?> registered(String typeid) throws IOException, ClassNotFoundException {
        byte[] bytes = cache().get(typeKey(typeid));
        if (bytes == null) {
            throw new RemoteError("no type '" + typeid + "' is registered with this manager");
        }
        return (SerializableCallable<?>) ObjectCodec.deserialize(bytes);
    }

    private String typeKey(String typeid) {
        return "type:" + space + ":" + typeid;
    }

    /** The built-in type of object {@code id}, or null for an object of a registered type. */
    private static SharedType typeOf(long id) {
        int code = (int) (id & 15);
        if (code == REGISTERED && id > 0) {
            return null;
        }
        if (id <= 0 || code >= TYPES.length) {
            throw missing(id);
        }
        return TYPES[code];
    }

    static RemoteError missing(long id) {
        return new RemoteError("no shared object with id " + id + " on the cluster (was its manager closed,"
                + " or did every server node stop since it was made?)");
    }

    private Object read(long id, String method, Object[] args) throws Exception {
        return DataObjects.call(object(cache().get(id), id), method, args);
    }

    private Object write(long id, String method, Object[] args) throws Exception {
        IgniteCache<Object, byte[]> objects = cache();
        IgniteTransactions transactions = ignite().transactions();
        if (transactions.tx() != null) { // a call inside another call's function: part of its transaction
            return writeIn(objects, id, method, args);
        }
        try (Transaction tx = transactions.txStart(TransactionConcurrency.PESSIMISTIC,
                TransactionIsolation.REPEATABLE_READ, TX_TIMEOUT_MS, 1)) {
            Object result = writeIn(objects, id, method, args);
            tx.commit();
            return result;
        }
    }

    /**
     * Runs a data call again when a server node left in the middle of it: Ignite then rolled the
     * transaction back (nothing was written) and names the moment the new topology is ready.
     */
    private static <T> T retried(Action<T> call) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (RuntimeException e) {
                if (attempt == RETRIES || !Failures.awaitTopology(e, TOPOLOGY_WAIT_MS)) {
                    throw e;
                }
            }
        }
    }

    private static Object writeIn(IgniteCache<Object, byte[]> objects, long id, String method, Object[] args)
            throws Exception {
        Object object = object(objects.get(id), id);
        Object result = DataObjects.call(object, method, args);
        objects.put(id, ObjectCodec.serialize(object));
        return result;
    }

    private static Object object(byte[] bytes, long id) throws IOException, ClassNotFoundException {
        if (bytes == null) {
            throw missing(id);
        }
        return ObjectCodec.deserialize(bytes);
    }

    private ClusterSync structure(long id, SharedType type) throws IOException {
        Map<Long, ClusterSync> known = structures();
        ClusterSync s = known.get(id);
        if (s == null) {
            s = ClusterSync.open(ignite(), id, type);
            known.put(id, s);
        }
        return s;
    }

    private Map<Long, ClusterSync> structures() {
        Map<Long, ClusterSync> s = structures;
        if (s == null) {
            synchronized (this) {
                if (structures == null) {
                    structures = new ConcurrentHashMap<>();
                }
                s = structures;
            }
        }
        return s;
    }

    /**
     * Removes the objects made through this store and its registered types from the cluster; their
     * proxies fail afterwards. Objects are left alone when the cluster cannot be reached.
     */
    public void close() {
        try {
            guarded(() -> {
                for (Long id; (id = created.poll()) != null; ) {
                    SharedType type = typeOf(id);
                    if (type == null || type.isData()) {
                        cache().remove(id);
                    } else {
                        structure(id, type).destroy();
                        structures().remove(id);
                    }
                }
                cache().removeAll(java.util.Set.copyOf(registeredKeys));
                return null;
            });
        } catch (Exception e) {
            // the cluster is gone, and its objects with it
        }
    }

    /** This JVM's client node of the cluster; joins the cluster on the first call in a JVM. */
    private Ignite ignite() throws Unreachable {
        Ignite node = ignite;
        if (node == null) {
            try {
                node = ignite = link.client(ClassShipping.loader());
            } catch (IOException | RuntimeException e) {
                throw new Unreachable(new IOException("cannot join " + describe() + ": " + e.getMessage(), e));
            }
        }
        return node;
    }

    private IgniteCache<Object, byte[]> cache() throws Unreachable {
        IgniteCache<Object, byte[]> c = cache;
        if (c == null) {
            c = cache = ignite().getOrCreateCache(new CacheConfiguration<Object, byte[]>(CACHE)
                    .setAtomicityMode(CacheAtomicityMode.TRANSACTIONAL)
                    .setBackups(1)
                    .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC));
        }
        return c;
    }

    /** An action on the cluster. */
    private interface Action<T> {
        T run() throws Exception;
    }

    /** Runs {@code action}, turning the cluster's connection failures into {@link Unreachable}. */
    private <T> T guarded(Action<T> action) throws Exception {
        try {
            return action.run();
        } catch (RuntimeException e) {
            IOException lost = Failures.lost(e, describe());
            if (lost == null) {
                throw e;
            }
            cache = null; // after a reconnection, handles are made anew
            if (structures != null) {
                structures.clear();
            }
            throw new Unreachable(lost);
        }
    }

    @Override
    public String describe() {
        return "the cluster at " + String.join(",", link.discovery());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IgniteStore other && other.link.equals(link) && other.space.equals(space);
    }

    @Override
    public int hashCode() {
        return space.hashCode();
    }
}
