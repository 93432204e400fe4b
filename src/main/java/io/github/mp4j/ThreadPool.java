package io.github.mp4j;

import io.github.mp4j.pool.ThreadWorkers;

/**
 * A {@link Pool} whose workers are threads of this JVM: the same API, no serialization, no child
 * processes. Python's {@code multiprocessing.pool.ThreadPool} ({@code multiprocessing.dummy}); use
 * it for I/O-bound work and as the baseline in comparison tables.
 *
 * <pre>{@code
 * try (ThreadPool threads = new ThreadPool(4)) {
 *     List<Integer> squares = threads.map(x -> x * x, List.of(1, 2, 3));
 * }
 * }</pre>
 *
 * Tasks still have the pool's functional types, so the same lambda runs in either pool. A task's
 * exception reaches the caller as the very object it threw. {@link #terminate()} interrupts the
 * threads; a task that ignores interrupts runs on in the background.
 */
public class ThreadPool extends Pool {

    /** A pool with one thread per available processor. */
    public ThreadPool() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * @throws IllegalArgumentException "Number of processes must be at least 1"
     */
    public ThreadPool(int threads) {
        this(threads, null);
    }

    /** A pool whose threads each run {@code initializer} once before their first task. */
    public ThreadPool(int threads, Task initializer) {
        this(builder().processes(threads).initializer(initializer));
    }

    private ThreadPool(Builder options) {
        super("ThreadPool", options, new ThreadWorkers(options.initializer, options.maxTasksPerChild));
    }
}
