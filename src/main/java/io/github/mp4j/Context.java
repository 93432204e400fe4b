package io.github.mp4j;

import io.github.mp4j.spawn.WarmPool;

import java.io.IOException;
import java.util.Objects;

/**
 * Makes processes and pools that start their child JVMs by one start method, whatever the global
 * one ({@link Process#setStartMethod}) is, so that two libraries in one JVM need not agree on it.
 * Python's {@code multiprocessing.get_context(method)}; obtained from
 * {@link Process#context(StartMethod)}.
 *
 * <pre>{@code
 * Context warm = Process.context(StartMethod.WARM);
 * Process p = warm.process(() -> System.out.println("started warm"));
 * p.start();                                   // WARM, even if the global method is SPAWN
 * try (Pool pool = warm.pool(4)) {
 *     System.out.println(pool.map(x -> x * x, List.of(1, 2, 3)));
 * }
 * try (Manager manager = warm.manager()) {     // its server's JVM started warm too
 *     manager.dict().put("answer", 42);
 * }
 * }</pre>
 *
 * <p>A context makes what starts JVMs: processes, pools ({@code new ProcessPoolExecutor(ctx.poolBuilder())}
 * for Python's {@code ProcessPoolExecutor(mp_context=ctx)}) and managers. Queues, locks, pipes and
 * the other shared objects do not depend on the start method, so where Python writes
 * {@code ctx.Queue()} or {@code ctx.Lock()}, create them as usual ({@code new Queue()},
 * {@code new Lock()}) and use them with the context's processes.
 * A {@link StartMethod#WARM} context starts filling the pool of waiting JVMs when it is made.
 */
public final class Context {

    private final StartMethod startMethod;

    Context(StartMethod startMethod) {
        this.startMethod = Objects.requireNonNull(startMethod, "method");
        if (startMethod == StartMethod.WARM) {
            WarmPool.refill();
        }
    }

    /** This context's start method. Python's {@code get_start_method()} on a context. */
    public StartMethod startMethod() {
        return startMethod;
    }

    /** A process that will run {@code task} and start by this context's method; see {@link Process#Process(Task)}. */
    public Process process(Task task) {
        return new Process(null, task, startMethod);
    }

    /** As {@link #process(Task)}, with a name of your choice (null: {@code Process-N}). */
    public Process process(String name, Task task) {
        return new Process(name, task, startMethod);
    }

    /** A pool of {@code processes} workers started by this context's method; see {@link Pool#Pool(int)}. */
    public Pool pool(int processes) {
        return poolBuilder().processes(processes).build();
    }

    /** Options for a pool whose workers start by this context's method, as {@link Pool#builder()}. */
    public Pool.Builder poolBuilder() {
        return Pool.builder().startMethod(startMethod);
    }

    /**
     * A manager whose server's JVM starts by this context's method; see {@link Manager#start()}.
     * Python's {@code ctx.Manager()}.
     *
     * @throws IOException if the server's JVM cannot be started or its server cannot listen
     * @throws IllegalStateException when called in a daemon process, which may not have children
     */
    public Manager manager() throws IOException {
        return Manager.start(this, null);
    }

    @Override
    public String toString() {
        return "<Context " + startMethod + ">";
    }
}
