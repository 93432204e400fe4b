package io.github.mp4j;

import io.github.mp4j.cluster.IgniteStore;
import io.github.mp4j.manager.Proxies;
import io.github.mp4j.manager.RpcServer;
import io.github.mp4j.manager.RpcStore;
import io.github.mp4j.manager.ServerProcess;
import io.github.mp4j.manager.SharedStore;
import io.github.mp4j.manager.SharedType;
import io.github.mp4j.manager.Unreachable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A server process that holds shared objects, and the factory of proxies to them. Python's
 * {@code multiprocessing.Manager()} ({@code SyncManager}).
 *
 * <pre>{@code
 * try (Manager manager = Manager.start()) {
 *     DictProxy<String, Integer> d = manager.dict();
 *     AcquirerProxy lock = manager.lock();
 *     d.put("count", 100);
 *     List<Process> workers = new ArrayList<>();
 *     for (int i = 0; i < 100; i++) {
 *         Process p = new Process(() -> {
 *             try (Held held = lock.hold()) {
 *                 d.put("count", d.get("count") - 1);    // Python: d['count'] -= 1
 *             }
 *         });
 *         p.start();
 *         workers.add(p);
 *     }
 *     for (Process p : workers) p.join();
 *     System.out.println(d);                            // {count=0}
 * }
 * }</pre>
 *
 * <p>The objects live in the manager's process; every other process holds proxies, which implement
 * the Java interface one expects ({@link DictProxy} is a {@link Map}, {@link ListProxy} a
 * {@link java.util.List}, ...), turn each method into a call to the manager, and can be captured in a
 * {@link Process} task, sent through a {@link Connection} or stored inside another shared object.
 * Each call is atomic; a sequence of calls is not, unless a manager lock guards it or it is one
 * {@code compute}/{@code merge}/{@code update} call, whose function runs inside the manager.
 *
 * <p>Four ways to have a manager:
 * <ul>
 * <li>{@link #start()}: a server in a new child JVM, reached through a UNIX socket in a private
 *     temporary directory with a random authkey; {@link #close()} stops it and removes the directory,
 *     and it ends with this JVM in any case.
 * <li>{@link #serve(String, byte[])}: a server in this JVM at an address of your choice, for other
 *     JVMs, here or on other hosts, to reach.
 * <li>{@link #connect(String, byte[])}: proxies to a server someone else serves.
 * <li>{@link #on(Cluster)}: no server, the objects live in an Apache Ignite cluster (see there).
 * </ul>
 * Every connection proves it holds the authkey (HMAC-SHA256, both ways) before anything on it is
 * deserialized. A proxy carries the address and the authkey; each thread of each process that uses
 * proxies opens one connection to the manager, on its first call.
 *
 * <p>Failures. An exception raised by the shared object (say {@code IndexOutOfBoundsException})
 * reaches the caller with its type; a method the object does not expose gives {@link RemoteError}. A
 * manager that has stopped or died makes every call fail at once with an
 * {@link UncheckedIOException} ("the manager at ... closed the connection (has it shut down or
 * died?)"); nothing waits for it. A client that sends garbage, or disconnects in the middle of a
 * call, costs only its own connection; a lock held through a connection that ends is released.
 * Shared objects live until the manager stops. A {@link #lock()} is the exception to "one call, one
 * request" on the manager's host: see {@link AcquirerProxy}.
 */
public final class Manager implements AutoCloseable {

    private static final List<Manager> ACTIVE = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final SharedStore store;
    private final String address;
    private final ServerProcess child;
    private final RpcServer server;
    /**
     * What {@link #close()} does last: drops this thread's connection and the watch of the server's
     * process, or removes the cluster's objects.
     */
    private final Runnable release;
    private final List<Object> objects = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private Manager(SharedStore store, String address, ServerProcess child, RpcServer server, Runnable release) {
        this.store = store;
        this.address = address;
        this.child = child;
        this.server = server;
        this.release = release;
        ACTIVE.add(this);
    }

    private Manager(RpcStore store, ServerProcess child, RpcServer server) {
        this(store, store.address(), child, server, store::close);
    }

    /** The managers of this JVM that are not closed, so that the kernel's {@code %manager} finds them. */
    public static List<Manager> active() {
        return List.copyOf(ACTIVE);
    }

    /**
     * The proxies made through this {@code Manager} object, in the order they were made (objects
     * made by other processes or through other handles are not listed). Their {@code toString()}
     * shows their current contents.
     */
    public List<Object> objects() {
        return List.copyOf(objects);
    }

    /**
     * Starts a manager server in a child JVM (obtained like any {@link Process}'s, so
     * {@link Process#setStartMethod} with {@link StartMethod#WARM} makes this fast) and returns once
     * it listens.
     *
     * @throws IOException if the child JVM cannot be started or its server cannot listen
     * @throws IllegalStateException when called in a daemon process, which may not have children
     */
    public static Manager start() throws IOException {
        return start(null, null);
    }

    /**
     * As {@link #start()}, running {@code initializer} in the server's JVM before it listens (what
     * it captures travels as a {@link Process} task's does). Python's
     * {@code manager.start(initializer)}.
     *
     * <pre>{@code
     * Manager manager = Manager.start(() -> System.setProperty("app.mode", "batch"));
     * }</pre>
     *
     * @throws NullPointerException if {@code initializer} is null
     * @throws IOException as {@link #start()}, and "the manager's process ended" when
     *         {@code initializer} throws (its stack trace is on stderr)
     */
    public static Manager start(Task initializer) throws IOException {
        return start(null, java.util.Objects.requireNonNull(initializer, "initializer"));
    }

    /** As {@link #start(Task)}, the server's JVM started by {@code context}'s start method (null: the global one). */
    static Manager start(Context context, Task initializer) throws IOException {
        ServerProcess child = ServerProcess.start(context, initializer);
        return new Manager(child.store(), child, null);
    }

    /**
     * Runs a manager server in this JVM, listening at {@code address} ({@link Listener} syntax:
     * {@code "host:port"}, port 0 for any free one, or a UNIX socket path), for other JVMs to
     * {@link #connect}. The server runs on daemon threads until {@link #close()} (here) or
     * {@link #shutdown()} (from any client); {@link #join()} waits for that. Python's
     * {@code manager.get_server().serve_forever()}.
     *
     * @throws IOException if the address cannot be bound
     */
    public static Manager serve(String address, byte[] authkey) throws IOException {
        RpcServer server = new RpcServer(address, authkey);
        return new Manager(new RpcStore(server.address(), authkey), null, server);
    }

    /**
     * Connects to a manager served at {@code address}. Checks at once that a server answers there and
     * accepts {@code authkey}.
     *
     * @throws AuthenticationError if the server holds another authkey
     * @throws IOException if nothing answers at {@code address}
     */
    public static Manager connect(String address, byte[] authkey) throws IOException {
        RpcStore store = new RpcStore(address, authkey);
        try {
            store.call(0, "ping");
        } catch (RemoteError expected) {
            // the server answered: object 0 never exists
        } catch (Unreachable e) {
            throw e.getCause() instanceof IOException cause ? cause : e;
        } catch (Exception e) {
            throw new IOException("unexpected answer from " + address + ": " + e, e);
        }
        return new Manager(store, null, null);
    }

    /**
     * Manages shared objects kept in an Apache Ignite cluster instead of a server process: the same
     * proxies as {@link #start()}'s, which any JVM that joins the cluster reaches, a {@link Process}
     * or pool task that gets a proxy included (its first call joins the cluster as a client, which
     * takes a few seconds). {@code compute}, {@code merge} and {@code update} stay atomic: their
     * function runs in the calling JVM, where its classes are, while the object is locked
     * cluster-wide. Values are stored serialized, so server nodes never need the user's classes.
     *
     * <pre>{@code
     * try (Cluster cluster = Cluster.startLocal(2);
     *      Manager manager = Manager.on(cluster)) {
     *     DictProxy<String, Integer> d = manager.dict(Map.of("count", 100));
     *     Process p = new Process(() -> d.compute("count", (k, v) -> v - 1));
     *     p.start();
     *     p.join();
     *     System.out.println(d);                      // {count=99}
     * }
     * }</pre>
     *
     * <p>Each call moves the whole object between this JVM and the cluster: a big dict is better
     * split into several. Locks, semaphores, events and queues are Ignite's distributed ones; what a
     * client holds is released when it leaves the cluster. Objects survive the loss of one server
     * node. A JVM cut off from the cluster fails each call at once with an
     * {@link UncheckedIOException} and reconnects by itself when a server node is back. {@link #close()}
     * removes the objects made through this manager from the cluster; the cluster stays.
     *
     * @throws IllegalStateException if {@code cluster} is closed
     */
    public static Manager on(Cluster cluster) {
        IgniteStore store = IgniteStore.on(cluster.link(), cluster.client());
        return new Manager(store, cluster.discovery(), null, null, store::close);
    }

    /**
     * The server's address, in the form {@link #connect} takes; for a manager {@link #on} a cluster,
     * the cluster's discovery addresses.
     */
    public String address() {
        return address;
    }

    /* ---------------- factories ---------------- */

    /** A new empty shared map. Python's {@code manager.dict()}. */
    public <K, V> DictProxy<K, V> dict() {
        return create(SharedType.DICT);
    }

    /** A new shared map holding a copy of {@code initial}. */
    public <K, V> DictProxy<K, V> dict(Map<? extends K, ? extends V> initial) {
        return create(SharedType.DICT, new java.util.LinkedHashMap<>(initial));
    }

    /** A new empty shared list. Python's {@code manager.list()}. */
    public <E> ListProxy<E> list() {
        return create(SharedType.LIST);
    }

    /** A new shared list holding a copy of {@code initial}. */
    public <E> ListProxy<E> list(Collection<? extends E> initial) {
        return create(SharedType.LIST, new java.util.ArrayList<>(initial));
    }

    /** A new empty namespace. Python's {@code manager.Namespace()}. */
    public Namespace namespace() {
        return create(SharedType.NAMESPACE);
    }

    /** A new shared value. Python's {@code manager.Value(typecode, value)}. */
    public <T> ValueProxy<T> value(T initial) {
        return create(SharedType.VALUE, initial);
    }

    /** A new lock that any thread may release. Python's {@code manager.Lock()}. */
    public AcquirerProxy lock() {
        return create(SharedType.LOCK);
    }

    /** A new reentrant lock owned by the acquiring thread. Python's {@code manager.RLock()}. */
    public AcquirerProxy rlock() {
        return create(SharedType.RLOCK);
    }

    /** A new semaphore with {@code value} permits. Python's {@code manager.Semaphore(value)}. */
    public AcquirerProxy semaphore(int value) {
        return create(SharedType.SEMAPHORE, value);
    }

    /** A semaphore that may not be released above {@code value}. Python's {@code BoundedSemaphore}. */
    public AcquirerProxy boundedSemaphore(int value) {
        return create(SharedType.BOUNDED_SEMAPHORE, value);
    }

    /** A new condition with its own reentrant lock. Python's {@code manager.Condition()}. */
    public ConditionProxy condition() {
        return create(SharedType.CONDITION);
    }

    /** A new event, not set. Python's {@code manager.Event()}. */
    public EventProxy event() {
        return create(SharedType.EVENT);
    }

    /** A new barrier for {@code parties} threads. Python's {@code manager.Barrier(parties)}. */
    public BarrierProxy barrier(int parties) {
        return create(SharedType.BARRIER, parties);
    }

    /** A new unbounded queue. Python's {@code manager.Queue()}. */
    public <E> QueueProxy<E> queue() {
        return queue(0);
    }

    /** A new queue holding at most {@code maxsize} items (0 or less: no bound). */
    public <E> QueueProxy<E> queue(int maxsize) {
        return create(SharedType.QUEUE, maxsize);
    }

    private <T> T create(SharedType type, Object... args) {
        checkOpen();
        T proxy = Proxies.create(store, type, args);
        objects.add(proxy);
        return proxy;
    }

    /* ---------------- user types ---------------- */

    /**
     * Registers a type under {@code typeid}: {@link #create(String, Class)} then makes an object by
     * calling {@code factory} inside the manager. The factory is serialized into the manager's
     * process (with what it captures); for a served manager it runs in this JVM. Python's
     * {@code BaseManager.register(typeid, callable)}.
     *
     * <pre>{@code
     * manager.register("Counter", Counter::new);
     * CounterApi c = manager.create("Counter", CounterApi.class);
     * c.increment();
     * }</pre>
     */
    public void register(String typeid, SerializableCallable<?> factory) {
        checkOpen();
        try {
            store.register(typeid, factory);
        } catch (Unreachable e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new RemoteError("cannot register " + typeid + ": " + e, e);
        }
    }

    /**
     * Makes a new object of the registered {@code typeid} and returns its proxy. {@code type} is an
     * interface; each of its methods calls the object's public method of the same name and arguments
     * (the object need not implement {@code type}). A method the object does not have gives
     * {@link RemoteError}; exceptions the object throws reach the caller with their type.
     *
     * @throws RemoteError if nothing is registered under {@code typeid}
     * @throws IllegalArgumentException if {@code type} is not an interface
     */
    public <T> T create(String typeid, Class<T> type) {
        checkOpen();
        T proxy = Proxies.createRegistered(store, typeid, type);
        objects.add(proxy);
        return proxy;
    }

    /* ---------------- life cycle ---------------- */

    /**
     * Stops the server: for {@link #start()}, terminates the child (SIGTERM), waits for it (at most
     * 10 s, then kills it) and removes its socket directory; for {@link #serve}, closes the server here; for
     * {@link #connect}, asks the remote server to stop. Proxies fail afterwards. Python's
     * {@code shutdown()}.
     */
    public void shutdown() {
        if (child == null && server == null && store instanceof RpcStore rpc) {
            try {
                rpc.shutdown();
            } catch (Unreachable e) {
                throw new UncheckedIOException(e.getMessage(), e);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new RemoteError("shutdown failed: " + e, e);
            }
        }
        close();
    }

    /**
     * For a started or served manager, stops the server (see {@link #shutdown()}); for a connected
     * one, only closes this thread's connection and leaves the server running. Either way, releases
     * what this JVM held open for the manager (the watch of the server's process that its mapped
     * locks share). Closing twice is harmless.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ACTIVE.remove(this);
        if (child != null) {
            child.stop();
        }
        if (server != null) {
            server.close();
        }
        release.run();
    }

    /** Waits until the server of a served manager stops ({@link #close()} or a client's shutdown). */
    public void join() throws InterruptedException {
        if (server != null) {
            server.awaitClosed();
        } else if (child != null) {
            child.process().join();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("manager is closed");
        }
    }

    @Override
    public String toString() {
        String kind = child != null ? "started" : server != null ? "served"
                : store instanceof RpcStore ? "connected" : "on the cluster";
        return "<Manager " + kind + " at " + address() + (closed ? ", closed" : "") + ">";
    }
}
