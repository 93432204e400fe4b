package io.github.mp4j;

import io.github.mp4j.pool.Dispatcher;
import io.github.mp4j.pool.JvmWorkers;
import io.github.mp4j.pool.Jobs;
import io.github.mp4j.pool.Worker;
import io.github.mp4j.shipping.Shipment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A pool of worker JVMs that run tasks and return their results. Python's
 * {@code multiprocessing.Pool}.
 *
 * <pre>{@code
 * try (Pool pool = new Pool(4)) {
 *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3, 4));      // [1, 4, 9, 16]
 *     AsyncResult<Long> pid = pool.applyAsync(() -> ProcessHandle.current().pid(),
 *             p -> System.out.println("ran in " + p + ", called back in " + ProcessHandle.current().pid()));
 *     pid.get(Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>Tasks are serializable lambdas; what they capture travels with them, and classes that exist
 * only in this JVM (JShell cells) are fetched by the workers on demand. Results travel back the
 * same way. Callbacks run in <em>this</em> JVM, on the pool's result thread, one at a time, never
 * in a worker; a callback that throws is reported on stderr and the pool goes on.
 *
 * <p>Where Python hangs, a Pool does not: a worker that dies (an exit, a signal, running out of
 * memory) fails the task it held with a {@link WorkerLostError} naming its pid and exit code, and
 * a replacement starts; {@link #terminate()} fails every unfinished result with a
 * {@link java.util.concurrent.CancellationException}. An initializer that throws makes the pool
 * unusable with a clear error instead of restarting workers forever. With
 * {@link Builder#retries(int) retries}, a task lost with its worker runs again on another one.
 *
 * <p><b>Stop means stop.</b> {@link AsyncResult#cancel(boolean) cancel(true)} stops a task or a
 * whole map while it runs: tasks not yet started never run, running ones are interrupted in their
 * worker, and a worker whose task outlasts the {@link Builder#cancelGrace grace period} is replaced;
 * the pool stays usable. In the Jupyter kernel, interrupting a cell does this for everything the
 * cell submitted. Python cannot: only {@code terminate()} of the whole pool stops a running task.
 *
 * <p><b>Worker JVMs.</b> {@link Builder#jvmOptions} gives this pool's workers JVM options of their
 * own ({@code -Xmx2g}), and {@link Builder#maxMemoryPerChild} replaces a worker whose heap stays
 * over a limit after a task, as {@link Builder#maxTasksPerChild} does after a number of tasks;
 * {@link #state()} shows both.
 *
 * <p><b>{@code close()}.</b> Python's {@code close()} only stops new submissions and {@code join()}
 * waits; Python's {@code with} block terminates. Here {@link #close()} does both halves of the
 * graceful path: it stops new submissions, lets every submitted task finish, and waits until every
 * worker JVM has exited. So try-with-resources never leaves a worker behind and never loses a
 * submitted task; call {@link #terminate()} to abandon unfinished work instead. The Python idiom
 * {@code pool.close(); pool.join();} works unchanged.
 *
 * <p>Workers are daemon children: they never outlive this JVM, whatever ends it.
 */
public class Pool implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final List<Pool> ACTIVE = new CopyOnWriteArrayList<>();

    private final Dispatcher dispatcher;
    private final Jobs jobs;

    /** A pool with one worker per available processor. */
    public Pool() {
        this(builder());
    }

    /**
     * A pool of {@code processes} worker JVMs.
     *
     * @throws IllegalArgumentException "Number of processes must be at least 1"
     */
    public Pool(int processes) {
        this(builder().processes(processes));
    }

    private Pool(Builder options) {
        this("Pool", options, new JvmWorkers(options.initializer, options.settings(), options.startMethod));
    }

    /** For pools of other workers ({@link ThreadPool}); starts the workers and returns at once. */
    Pool(String kind, Builder options, Worker.Backend backend) {
        if (options.initializer != null) {
            checkSerializable(options.initializer, backend);
        }
        String name = options.name != null ? options.name : kind + "-" + COUNTER.incrementAndGet();
        ACTIVE.add(this);
        this.dispatcher = new Dispatcher(name, backend, options.processes, options.settings(),
                () -> ACTIVE.remove(this));
        this.jobs = new Jobs(dispatcher);
        options.progressListeners.forEach(dispatcher::addProgressListener);
    }

    /**
     * A pool whose workers run on the server nodes of {@code cluster}: the same API, with tasks
     * running on the nodes and callbacks in this JVM. Its parallelism is the processors of the
     * cluster's server hosts (each host counted once) and at least one worker per node.
     *
     * <pre>{@code
     * try (Cluster cluster = Cluster.startLocal(2);
     *      Pool pool = Pool.on(cluster)) {
     *     long pid = pool.apply(() -> ProcessHandle.current().pid());   // a node's pid
     *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
     * }
     * }</pre>
     *
     * @throws IllegalStateException "the cluster has been closed"
     * @see #on(Cluster, int)
     */
    public static Pool on(Cluster cluster) {
        return on(cluster, io.github.mp4j.cluster.NodeSlots.defaultParallelism(cluster.client()));
    }

    /**
     * A pool of {@code parallelism} workers on the server nodes of {@code cluster}.
     *
     * <p>Each worker is a slot bound to one node, spread evenly over the nodes, running one task
     * at a time there; {@link #state()} shows each slot with its node's host and pid. Classes the
     * nodes lack (JShell cells) reach them through Ignite's peer class loading. A task's output
     * goes to its node's standard output (for {@link Cluster#startLocal} nodes, this JVM's).
     *
     * <p>What travels, taken when an item is submitted, as for a local pool: the task (or the map
     * function and the chunk's items) serialized with what it captures; and in the Jupyter kernel
     * the notebook's top-level variables the task can reach (the static, non-final, non-null
     * fields of the snippet classes it names and of those their code refers to, transitively),
     * each serialized on its own. The node sets those fields just before it reads the task. A
     * value that cannot be serialized is left out, and the field keeps whatever it holds on that
     * node (a node keeps a cell's classes loaded between tasks). Tasks running at once on one node
     * share its fields, so if a variable changed between two submissions that run at the same
     * time there, both may see the later value.
     *
     * <p>Faults: a node that leaves while it runs a task (killed, crashed, cut off) fails that
     * task with a {@link WorkerLostError} naming the node and its pid (unless
     * {@link #on(Cluster, Builder) retries} run it again on another node); the slot's other tasks run
     * on another node, and a slot whose node left while it was idle moves without failing
     * anything. After {@link Cluster#close()} unfinished tasks fail with "the cluster has been
     * closed" and the pool reports itself broken.
     *
     * @throws IllegalArgumentException if {@code parallelism} is less than 1
     * @throws IllegalStateException "the cluster has been closed"
     */
    public static Pool on(Cluster cluster, int parallelism) {
        return on(cluster, builder().processes(parallelism));
    }

    /**
     * A pool on the server nodes of {@code cluster} with {@code options}: its
     * {@link Builder#processes processes} (default: as {@link #on(Cluster)}), {@link Builder#retries
     * retries} (a task whose node left runs again on another node), {@link Builder#cancelGrace},
     * and {@link Builder#name}. {@code Pool.on(cluster, Pool.builder().retries(2))}.
     *
     * @throws IllegalArgumentException if {@code options} set what a node's slot cannot have: an
     *         initializer, {@code maxTasksPerChild}, {@code maxMemoryPerChild} or {@code jvmOptions}
     *         (a node is a JVM of its own, started with the cluster)
     * @throws IllegalStateException "the cluster has been closed"
     */
    public static Pool on(Cluster cluster, Builder options) {
        if (options.initializer != null || options.maxTasksPerChild != 0 || options.maxMemoryPerChild != 0
                || !options.jvmOptions.isEmpty()) {
            throw new IllegalArgumentException("a pool on a cluster takes processes, retries, cancelGrace and"
                    + " name; its workers are slots on the nodes, which have no initializer, task or memory"
                    + " limit or JVM options of their own");
        }
        cluster.client();
        Builder chosen = options.processesChosen ? options
                : builder().processes(io.github.mp4j.cluster.NodeSlots.defaultParallelism(cluster.client()))
                        .retries(options.retries).cancelGrace(options.cancelGrace).name(options.name);
        return new Pool("Pool", chosen, new io.github.mp4j.cluster.NodeSlots(cluster::client));
    }

    private static void checkSerializable(Task initializer, Worker.Backend backend) {
        if (backend instanceof JvmWorkers) {
            try {
                Shipment.forChild(initializer);
            } catch (IOException e) {
                throw new IllegalArgumentException("the initializer cannot be sent to a worker: " + e, e);
            }
        }
    }

    /** Options beyond the number of workers: {@code Pool.builder().processes(4).maxTasksPerChild(10).build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The pools of this JVM that have not finished (not yet closed, or with workers still running). */
    public static List<Pool> active() {
        return List.copyOf(ACTIVE);
    }

    /** This pool's name, {@code Pool-N} unless chosen. */
    public String name() {
        return dispatcher.name();
    }

    /** The number of workers this pool keeps. */
    public int processes() {
        return dispatcher.processes();
    }

    /* ---------------- apply ---------------- */

    /**
     * Runs {@code task} in a worker and returns its result: {@code applyAsync(task).get()}.
     *
     * @throws Exception what {@link AsyncResult#get()} throws
     * @throws IllegalStateException "Pool not running" after close or terminate
     */
    public <T> T apply(SerializableCallable<T> task) throws Exception {
        return applyAsync(task).get();
    }

    /** Submits {@code task}; the result tells when it is done. */
    public <T> AsyncResult<T> applyAsync(SerializableCallable<T> task) {
        return applyAsync(task, null, null);
    }

    /** Submits {@code task}; {@code callback} gets its result in this JVM, before the result is ready. */
    public <T> AsyncResult<T> applyAsync(SerializableCallable<T> task, Consumer<? super T> callback) {
        return applyAsync(task, callback, null);
    }

    /**
     * Submits {@code task}; {@code callback} gets its result, or {@code errorCallback} its
     * exception, in this JVM on the pool's result thread. Either may be null.
     *
     * @throws IllegalStateException "Pool not running" after close or terminate
     */
    public <T> AsyncResult<T> applyAsync(SerializableCallable<T> task, Consumer<? super T> callback,
                                         Consumer<? super Throwable> errorCallback) {
        return jobs.apply(java.util.Objects.requireNonNull(task, "task"), callback, errorCallback);
    }

    /* ---------------- map ---------------- */

    /**
     * Applies {@code fn} to every item in workers and returns the results in input order. Items
     * travel in chunks of about {@code size / (4 * processes)}.
     *
     * @throws Exception the first failure of any chunk, once every chunk has finished; an
     *         exception thrown while iterating {@code items} is thrown directly, before any work
     */
    public <A, R> List<R> map(SerializableFunction<? super A, ? extends R> fn, Iterable<? extends A> items)
            throws Exception {
        return this.<A, R>mapAsync(fn, items).get();
    }

    /**
     * As {@link #map(SerializableFunction, Iterable)} with {@code chunksize} items per message.
     *
     * @throws IllegalArgumentException if {@code chunksize} is less than 1
     */
    public <A, R> List<R> map(SerializableFunction<? super A, ? extends R> fn, Iterable<? extends A> items,
                              int chunksize) throws Exception {
        return this.<A, R>mapAsync(fn, items, chunksize).get();
    }

    public <A, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super A, ? extends R> fn,
                                                Iterable<? extends A> items) {
        return mapAsync(fn, items, 0, null, null);
    }

    public <A, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super A, ? extends R> fn,
                                                Iterable<? extends A> items, int chunksize) {
        return mapAsync(fn, items, checkChunksize(chunksize), null, null);
    }

    /**
     * Submits a map; {@code callback} gets the whole result list, or {@code errorCallback} the first
     * failure, in this JVM. {@code chunksize} 0 picks the default.
     */
    public <A, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super A, ? extends R> fn,
                                                Iterable<? extends A> items, int chunksize,
                                                Consumer<? super List<R>> callback,
                                                Consumer<? super Throwable> errorCallback) {
        if (chunksize < 0) {
            checkChunksize(chunksize);
        }
        return jobs.map(java.util.Objects.requireNonNull(fn, "fn"), items, chunksize, callback, errorCallback);
    }

    /* ---------------- imap ---------------- */

    /** A lazy map: results in input order as they finish, one item per message. */
    public <A, R> ImapIterator<R> imap(SerializableFunction<? super A, ? extends R> fn, Iterable<? extends A> items) {
        return imap(fn, items, 1);
    }

    /**
     * As {@link #imap(SerializableFunction, Iterable)} with {@code chunksize} items per message. The
     * input is read when this is called; an error while reading it is thrown by the iterator after
     * the results of the items read before it.
     */
    public <A, R> ImapIterator<R> imap(SerializableFunction<? super A, ? extends R> fn, Iterable<? extends A> items,
                                       int chunksize) {
        return jobs.imap(java.util.Objects.requireNonNull(fn, "fn"), items, checkChunksize(chunksize), true);
    }

    /** As {@link #imap(SerializableFunction, Iterable)}, in the order results finish. */
    public <A, R> ImapIterator<R> imapUnordered(SerializableFunction<? super A, ? extends R> fn,
                                                Iterable<? extends A> items) {
        return imapUnordered(fn, items, 1);
    }

    public <A, R> ImapIterator<R> imapUnordered(SerializableFunction<? super A, ? extends R> fn,
                                                Iterable<? extends A> items, int chunksize) {
        return jobs.imap(java.util.Objects.requireNonNull(fn, "fn"), items, checkChunksize(chunksize), false);
    }

    /* ---------------- starmap ---------------- */

    /**
     * Python's {@code starmap} for two arguments: {@code fn(key, value)} for every entry, results in
     * input order. Use {@code Map.entry(a, b)} for the pairs.
     */
    public <A, B, R> List<R> starmap(SerializableBiFunction<? super A, ? super B, ? extends R> fn,
                                     Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs) throws Exception {
        return this.<A, B, R>starmapAsync(fn, pairs, 0).get();
    }

    /** As {@link #starmap}, submitted; {@code chunksize} 0 picks the default. */
    public <A, B, R> AsyncResult<List<R>> starmapAsync(SerializableBiFunction<? super A, ? super B, ? extends R> fn,
                                                       Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs,
                                                       int chunksize) {
        java.util.Objects.requireNonNull(fn, "fn");
        List<Map.Entry<A, B>> entries = new java.util.ArrayList<>();
        for (Map.Entry<? extends A, ? extends B> pair : pairs) {
            entries.add(new AbstractMap.SimpleImmutableEntry<>(pair.getKey(), pair.getValue()));
        }
        SerializableFunction<Map.Entry<A, B>, R> unpacked = e -> fn.apply(e.getKey(), e.getValue());
        return mapAsync(unpacked, entries, chunksize, null, null);
    }

    private static int checkChunksize(int chunksize) {
        if (chunksize < 1) {
            throw new IllegalArgumentException("Chunksize must be 1+, not " + chunksize);
        }
        return chunksize;
    }

    /* ---------------- for ProcessPoolExecutor ---------------- */

    /** {@link #applyAsync(SerializableCallable)}, refusing a task that cannot be sent to a worker. */
    <T> AsyncResult<T> applyOrRefuse(SerializableCallable<T> task) {
        return jobs.applyOrRefuse(task);
    }

    /** An ordered imap whose results are due within {@code timeout} (null: no limit). */
    <A, R> ImapIterator<R> mapWithin(SerializableFunction<? super A, ? extends R> fn,
                                          Iterable<? extends A> items, int chunksize, Duration timeout) {
        return jobs.mapWithin(java.util.Objects.requireNonNull(fn, "fn"), items, checkChunksize(chunksize), timeout);
    }

    /** Stops new submissions without waiting: the first half of {@link #close()}. */
    void stopAccepting() {
        dispatcher.close();
    }

    /** Whether the calling thread runs one of this pool's callbacks (the pool cannot end meanwhile). */
    boolean onResultThread() {
        return dispatcher.onResultThread();
    }

    /** Cancels every queued task; returns what each would have run. */
    List<Runnable> cancelQueued() {
        return dispatcher.cancelQueued();
    }

    /** Cancels every unfinished task, interrupting the running ones (see {@link AsyncResult#cancel(boolean)}). */
    void cancelEverything() {
        dispatcher.cancelEverything();
    }

    /* ---------------- life ---------------- */

    /**
     * Stops new submissions, lets every submitted task finish, and waits until every worker has
     * exited (see the class comment). Safe to call twice, and after {@link #terminate()}. Called
     * from one of this pool's callbacks it does not wait, since the pool's end waits for callbacks.
     */
    @Override
    public void close() {
        dispatcher.close();
        if (dispatcher.onResultThread()) {
            return;
        }
        try {
            dispatcher.join(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends the workers now: every unfinished result fails with a
     * {@link java.util.concurrent.CancellationException}. Returns once every worker has exited,
     * within about two seconds.
     */
    public void terminate() {
        dispatcher.terminate();
    }

    /**
     * Waits until every worker has exited and every callback has run.
     *
     * @throws IllegalStateException "Pool is still running" unless closed or terminated
     */
    public void join() throws InterruptedException {
        dispatcher.join(null);
    }

    /**
     * As {@link #join()}, waiting at most {@code timeout}.
     *
     * @return whether the pool finished in time
     */
    public boolean join(Duration timeout) throws InterruptedException {
        return dispatcher.join(timeout);
    }

    /** A snapshot of the workers, the queue and the totals. */
    public PoolState state() {
        return dispatcher.state();
    }

    /**
     * Calls {@code listener} with the latest state after changes, on a notifier thread of this
     * pool. Bursts of changes are coalesced, so it is cheap enough to leave on while benchmarking;
     * a listener always sees the final state.
     */
    public void addListener(Consumer<PoolState> listener) {
        dispatcher.addListener(java.util.Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Consumer<PoolState> listener) {
        dispatcher.removeListener(listener);
    }

    /**
     * Calls {@code listener} as this pool's maps progress (see {@link ProgressListener} for when
     * and on which thread); {@link #state()} lists the maps in flight too.
     */
    public void addProgressListener(ProgressListener listener) {
        dispatcher.addProgressListener(java.util.Objects.requireNonNull(listener, "listener"));
    }

    public void removeProgressListener(ProgressListener listener) {
        dispatcher.removeProgressListener(listener);
    }

    /**
     * The last tasks and map chunks this pool's workers ran (4096 unless
     * {@code -Dmp4j.pool.timelineSpans} says otherwise), each from its start to its end in its
     * worker: {@link Timeline#toSvg()} draws them like Dask's task stream. Recording them costs no
     * measurable time; tasks still running and tasks a {@link #terminate()} cut short are not in it.
     */
    public Timeline timeline() {
        return dispatcher.timeline();
    }

    @Override
    public String toString() {
        return state().toString();
    }

    /** Options for a {@link Pool}. */
    public static final class Builder {
        int processes = Runtime.getRuntime().availableProcessors();
        Task initializer;
        int maxTasksPerChild;
        boolean processesChosen;
        StartMethod startMethod = Process.getStartMethod();
        String name;
        int retries;
        Duration cancelGrace = PoolState.Settings.DEFAULT.cancelGrace();
        long maxMemoryPerChild;
        List<String> jvmOptions = List.of();
        final List<ProgressListener> progressListeners = new java.util.ArrayList<>();

        private Builder() {}

        PoolState.Settings settings() {
            return new PoolState.Settings(maxTasksPerChild, maxMemoryPerChild, jvmOptions, retries, cancelGrace);
        }

        /** The number of workers (default: available processors). */
        public Builder processes(int processes) {
            if (processes < 1) {
                throw new IllegalArgumentException("Number of processes must be at least 1");
            }
            this.processes = processes;
            this.processesChosen = true;
            return this;
        }

        /**
         * Runs once in every worker before its first task (Python's {@code initializer}). Locks,
         * queues and pipe ends it captures are inherited by every worker.
         */
        public Builder initializer(Task initializer) {
            this.initializer = initializer;
            return this;
        }

        /** A worker exits after this many items (a map chunk counts as one) and is replaced; 0 = never. */
        public Builder maxTasksPerChild(int maxTasksPerChild) {
            if (maxTasksPerChild < 1) {
                throw new IllegalArgumentException("maxtasksperchild must be a positive int or None");
            }
            this.maxTasksPerChild = maxTasksPerChild;
            return this;
        }

        /** Fresh JVMs ({@link StartMethod#SPAWN}) or pre-started ones ({@link StartMethod#WARM}). */
        public Builder startMethod(StartMethod startMethod) {
            this.startMethod = java.util.Objects.requireNonNull(startMethod, "startMethod");
            return this;
        }

        /**
         * How often a task runs again when its worker dies under it (an exit, {@code kill -9}, an
         * {@link OutOfMemoryError} that ends the worker, a cluster node that leaves): each time on
         * another worker, and only after every attempt was lost does it fail, with a
         * {@link WorkerLostError} whose {@link WorkerLostError#attempts()} lists each (pid, exit
         * code). A task that raised an exception is never run again. Default 0, as in Python (Ray's
         * {@code max_retries}, Dask's {@code retries}). Only for tasks that may run twice: one
         * that died half way may have done part of its work.
         *
         * @throws IllegalArgumentException if {@code retries} is negative
         */
        public Builder retries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("retries must be 0 or more, not " + retries);
            }
            this.retries = retries;
            return this;
        }

        /**
         * How long a task cancelled while it runs ({@link AsyncResult#cancel(boolean)
         * cancel(true)}, a kernel interrupt) has, after its interrupt, to end by itself before its
         * worker is killed and replaced (default one second). A {@link ThreadPool}'s thread cannot
         * be killed: it only gets another interrupt.
         *
         * @throws IllegalArgumentException if {@code grace} is negative
         */
        public Builder cancelGrace(Duration grace) {
            if (grace.isNegative()) {
                throw new IllegalArgumentException("cancelGrace must not be negative: " + grace);
            }
            this.cancelGrace = grace;
            return this;
        }

        /**
         * JVM options for this pool's worker JVMs only, after the options every child gets
         * ({@code mp4j.worker.jvmOptions}), so these win where both set one:
         * {@code Pool.builder().jvmOptions("-Xmx2g", "-Dmode=fast")}. Workers with options start
         * fresh JVMs under {@link StartMethod#WARM} too. An option the JVM refuses makes the
         * workers fail to start, and the pool reports itself broken with the JVM's message.
         *
         * @throws IllegalArgumentException for an empty or blank option, or one that does not start with {@code -}
         */
        public Builder jvmOptions(String... options) {
            for (String option : options) {
                if (option == null || option.isBlank() || !option.startsWith("-")) {
                    throw new IllegalArgumentException("a JVM option starts with '-': " + option);
                }
            }
            this.jvmOptions = List.of(options);
            return this;
        }

        /**
         * Replaces a worker whose heap in use after a task stays over {@code bytes} after a garbage
         * collection (what its tasks left reachable: caches, static fields, leaks), as
         * {@link #maxTasksPerChild} replaces one after a number of tasks: it ends after answering
         * that task, without starting the items it holds, which go to other workers. Nothing fails.
         * There is no Python counterpart. 0, the default, means no limit.
         *
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public Builder maxMemoryPerChild(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxMemoryPerChild must be 0 (no limit) or more bytes, not " + bytes);
            }
            this.maxMemoryPerChild = bytes;
            return this;
        }

        /** The pool's name in its state and its workers' names (default {@code Pool-N}). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Calls {@code listener} as the pool's maps progress, e.g.
         * {@code ProgressListener.textBar(System.err)} (see {@link Pool#addProgressListener}).
         */
        public Builder progress(ProgressListener listener) {
            progressListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public Pool build() {
            return new Pool(this);
        }
    }
}
