package io.github.mp4j;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An {@link ExecutorService} whose tasks run in worker JVMs: Python's
 * {@code concurrent.futures.ProcessPoolExecutor}, built on a {@link Pool} (same workers, same
 * shipping of lambdas and JShell classes, same fault handling).
 *
 * <pre>{@code
 * try (ProcessPoolExecutor executor = new ProcessPoolExecutor(4)) {
 *     CompletableFuture<Long> pid = executor.submit(() -> ProcessHandle.current().pid());
 *     System.out.println(pid.thenApply(p -> "ran in " + p).get(10, TimeUnit.SECONDS));
 *     Iterator<Integer> squares = executor.map(x -> x * x, List.of(1, 2, 3), Duration.ofSeconds(10), 1);
 *     squares.forEachRemaining(System.out::println);                          // 1, 4, 9
 *     List<Future<Integer>> all = executor.invokeAll(List.<SerializableCallable<Integer>>of(() -> 1, () -> 2));
 * }                                                                            // close(): waits for every task
 * }</pre>
 *
 * <p><b>Tasks must travel.</b> A lambda passed to {@code submit} or {@code execute} becomes a
 * {@link SerializableCallable} or {@link SerializableRunnable} (the more specific overloads), so it
 * travels with what it captures. A {@link Callable} or {@link Runnable} that is not
 * {@link Serializable} (a lambda typed {@code Callable}, an anonymous class of a non-serializable
 * outer class), or one that captured something that cannot be serialized, is refused at once with
 * an {@link IllegalArgumentException} naming its class, never sent to fail in a worker.
 *
 * <p><b>Futures.</b> Every future is a {@link CompletableFuture} ({@link AsyncResult#toCompletableFuture()}
 * of the pool's result), completed on the pool's result thread. As in Python, {@code cancel(false)}
 * succeeds only for a task no worker has taken yet. {@code cancel(true)} goes further than Python
 * can: a running task is interrupted on its thread in the worker, and its worker is replaced if the
 * task has not ended after the grace period ({@link Pool.Builder#cancelGrace}); see
 * {@link AsyncResult#cancel(boolean)}. With {@link Pool.Builder#retries} a task lost with its
 * worker runs again on another. A task's
 * exception reaches {@code get} as the cause of the {@link ExecutionException}, with its type and
 * message intact and the worker's stack trace as its cause ({@link RemoteTraceback}).
 *
 * <p><b>A worker that dies does not break the executor.</b> Where Python's executor marks itself
 * broken ({@code BrokenProcessPool}) and fails every pending future when one worker dies, this one
 * fails only the task that worker held, with a {@link WorkerLostError} naming its pid and exit
 * code, starts a replacement, and goes on: later submissions run as usual. An initializer that
 * fails, or workers that cannot start, do make it refuse work, as a {@link Pool} does.
 *
 * <p><b>Life.</b> {@link #shutdown()} stops new submissions ({@link RejectedExecutionException}
 * after it, Python's "cannot schedule new futures after shutdown") and returns; submitted tasks
 * run on, and each worker exits once the queue is empty. {@link #shutdown(boolean, boolean)} is
 * Python's, which waits by default. {@link #shutdownNow()} cancels every task and interrupts the
 * running ones, as a {@link java.util.concurrent.ThreadPoolExecutor}'s does: their futures fail with
 * a {@link CancellationException}. {@link #close()} is
 * Java 19's: shutdown, then wait until every task has finished (implemented here, since Java 17
 * lacks it). Workers are daemon children and never outlive this JVM.
 */
public class ProcessPoolExecutor implements ExecutorService, AutoCloseable {

    private final Pool pool;
    private final CountDownLatch shutdown = new CountDownLatch(1);

    /** An executor with one worker JVM per available processor. */
    public ProcessPoolExecutor() {
        this(Pool.builder());
    }

    /**
     * An executor of {@code maxWorkers} worker JVMs (Python's {@code max_workers}).
     *
     * @throws IllegalArgumentException if {@code maxWorkers} is less than 1
     */
    public ProcessPoolExecutor(int maxWorkers) {
        this(Pool.builder().processes(maxWorkers));
    }

    /**
     * An executor with the pool options of {@code options}: Python's {@code initializer}
     * ({@link Pool.Builder#initializer}), {@code max_tasks_per_child}
     * ({@link Pool.Builder#maxTasksPerChild}), the start method and a name.
     *
     * <pre>{@code
     * new ProcessPoolExecutor(Pool.builder().processes(2).maxTasksPerChild(100).initializer(() -> warmUp()))
     * }</pre>
     */
    public ProcessPoolExecutor(Pool.Builder options) {
        this.pool = options.build();
    }

    /** The pool that runs this executor's tasks: its {@link Pool#state()} shows the workers. */
    public Pool pool() {
        return pool;
    }

    /* ---------------- submitting ---------------- */

    /**
     * Runs {@code task} in a worker JVM. Python's {@code submit(fn)}.
     *
     * @return the task's future; its {@code cancel} succeeds only before a worker takes the task
     * @throws RejectedExecutionException after shutdown
     * @throws IllegalArgumentException if the task (or what it captured) cannot be serialized
     */
    public <T> CompletableFuture<T> submit(SerializableCallable<T> task) {
        java.util.Objects.requireNonNull(task, "task");
        try {
            return pool.applyOrRefuse(task).toCompletableFuture();
        } catch (IllegalStateException notRunning) {
            throw rejected(notRunning);
        }
    }

    /**
     * As {@link #submit(SerializableCallable)} for a task typed {@code Callable}, which must be
     * {@link Serializable}.
     *
     * @throws IllegalArgumentException if it is not serializable, naming its class
     */
    @Override
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        return submit(sendable(task));
    }

    /** Runs {@code task} in a worker; the future's value is null. */
    public CompletableFuture<?> submit(SerializableRunnable task) {
        return submit(task, null);
    }

    /**
     * As {@link #submit(SerializableRunnable)} for a task typed {@code Runnable}, which must be
     * {@link Serializable}.
     *
     * @throws IllegalArgumentException if it is not serializable, naming its class
     */
    @Override
    public CompletableFuture<?> submit(Runnable task) {
        return submit(task, null);
    }

    /**
     * Runs {@code task} in a worker; the future's value is {@code result}, which travels with the
     * task and so must be serializable too.
     *
     * @throws IllegalArgumentException if {@code result} is not serializable
     */
    public <T> CompletableFuture<T> submit(SerializableRunnable task, T result) {
        return submit((Runnable) task, result);
    }

    /**
     * As {@link #submit(SerializableRunnable, Object)} for a task typed {@code Runnable}, which
     * must be {@link Serializable}.
     *
     * @throws IllegalArgumentException if the task or {@code result} is not serializable
     */
    @Override
    public <T> CompletableFuture<T> submit(Runnable task, T result) {
        Runnable runnable = runnable(task);
        return submit(() -> {
            runnable.run();
            return result;
        });
    }

    /**
     * Runs {@code task} in a worker, for its effects. A failure is reported on stderr, as the
     * JDK's executors report an uncaught exception.
     *
     * @throws RejectedExecutionException after shutdown
     */
    public void execute(SerializableRunnable task) {
        execute((Runnable) task);
    }

    /**
     * As {@link #execute(SerializableRunnable)} for a task typed {@code Runnable}, which must be
     * {@link Serializable}.
     *
     * @throws IllegalArgumentException if it is not serializable, naming its class
     */
    @Override
    public void execute(Runnable task) {
        submit(task).whenComplete((ignored, failure) -> {
            if (failure != null && !(failure instanceof CancellationException)) {
                System.err.println("mp4j: a task passed to " + pool.name() + ".execute() failed:");
                failure.printStackTrace();
            }
        });
    }

    private static <T> SerializableCallable<T> sendable(Callable<T> task) {
        java.util.Objects.requireNonNull(task, "task");
        if (task instanceof SerializableCallable<T> ready) {
            return ready;
        }
        if (!(task instanceof Serializable)) {
            throw notSerializable(task);
        }
        return task::call;
    }

    private static Runnable runnable(Runnable task) {
        java.util.Objects.requireNonNull(task, "task");
        if (!(task instanceof Serializable)) {
            throw notSerializable(task);
        }
        return task;
    }

    private static IllegalArgumentException notSerializable(Object task) {
        return new IllegalArgumentException("the task " + task.getClass().getName() + " is not Serializable, so it"
                + " cannot be sent to a worker JVM: pass a lambda straight to submit/execute, or type it"
                + " SerializableCallable or SerializableRunnable");
    }

    private RejectedExecutionException rejected(IllegalStateException notRunning) {
        String message = isShutdown() ? "cannot schedule new futures after shutdown" : notRunning.getMessage();
        return new RejectedExecutionException(message, notRunning);
    }

    /* ---------------- map ---------------- */

    /**
     * {@code fn} over {@code items} in worker JVMs, one item per message; results in input order.
     * Python's {@code map(fn, items)}. Every item is submitted now; the iterator waits for each
     * result in turn, and throws a failed item's exception at its position (unchecked as it is, a
     * checked one wrapped in a {@link java.util.concurrent.CompletionException}).
     */
    public <A, R> ImapIterator<R> map(SerializableFunction<? super A, ? extends R> fn, Iterable<? extends A> items) {
        return map(fn, items, null, 1);
    }

    /**
     * Python's {@code map(fn, items, timeout=, chunksize=)}: as {@link #map(SerializableFunction, Iterable)},
     * {@code chunksize} items per message, with every result due within {@code timeout} of this
     * call (null: no limit). When the timeout has passed, {@code next()} throws a
     * {@link java.util.concurrent.CompletionException} whose cause is a {@link TimeoutException}
     * (Python raises {@code TimeoutError} from {@code __next__}; {@code Iterator.next} cannot throw
     * a checked exception), and the chunks no worker has started are cancelled. Its
     * {@link ImapIterator#next(Duration)} throws the {@code TimeoutException} itself.
     *
     * @throws IllegalArgumentException if {@code chunksize} is less than 1
     * @throws RejectedExecutionException after shutdown
     */
    public <A, R> ImapIterator<R> map(SerializableFunction<? super A, ? extends R> fn, Iterable<? extends A> items,
                                      Duration timeout, int chunksize) {
        try {
            return pool.mapWithin(fn, items, chunksize, timeout);
        } catch (IllegalStateException notRunning) {
            throw rejected(notRunning);
        }
    }

    /* ---------------- invoke ---------------- */

    /**
     * Runs every task and waits until all have finished.
     *
     * @throws IllegalArgumentException if a task is not serializable; then none is submitted
     */
    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        List<Future<T>> futures = submitAll(tasks);
        try {
            for (Future<T> f : futures) {
                awaitDone(f, Long.MAX_VALUE);
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(false));
            throw e;
        }
        return futures;
    }

    /**
     * Runs every task and waits until all have finished or the timeout passes. Then, as the
     * contract asks, every future is done: tasks still queued are cancelled, and the futures of
     * tasks still running in a worker are cancelled too (the task runs on there and its result is
     * dropped), like a {@link java.util.concurrent.FutureTask} cancelled without interrupting.
     */
    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        List<Future<T>> futures = submitAll(tasks);
        try {
            for (Future<T> f : futures) {
                if (!awaitDone(f, deadline)) {
                    break;
                }
            }
        } finally {
            for (Future<T> f : futures) {
                if (!f.isDone() && !f.cancel(false)) {
                    ((CompletableFuture<T>) f).completeExceptionally(
                            new CancellationException("invokeAll timed out while the task was running"));
                }
            }
        }
        return futures;
    }

    /** Runs the tasks and returns the result of one that succeeded; the others are cancelled if queued. */
    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return invokeAny(tasks, Long.MAX_VALUE);
        } catch (TimeoutException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
    }

    /** As {@link #invokeAny(Collection)}, waiting at most the timeout. */
    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return invokeAny(tasks, System.nanoTime() + unit.toNanos(timeout));
    }

    private <T> T invokeAny(Collection<? extends Callable<T>> tasks, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("no tasks");
        }
        List<Future<T>> futures = submitAll(tasks);
        LinkedBlockingQueue<CompletableFuture<T>> done = new LinkedBlockingQueue<>();
        for (Future<T> f : futures) {
            CompletableFuture<T> cf = (CompletableFuture<T>) f;
            cf.whenComplete((v, e) -> done.add(cf));
        }
        try {
            ExecutionException last = null;
            for (int i = 0; i < futures.size(); i++) {
                CompletableFuture<T> next = deadline == Long.MAX_VALUE ? done.take()
                        : done.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new TimeoutException("no task of invokeAny finished in time");
                }
                try {
                    return next.get();
                } catch (ExecutionException e) {
                    last = e;
                } catch (CancellationException e) {
                    last = new ExecutionException(e);
                }
            }
            throw last;
        } finally {
            futures.forEach(f -> f.cancel(false));
        }
    }

    /** Submits every task, or none when one cannot be sent. */
    private <T> List<Future<T>> submitAll(Collection<? extends Callable<T>> tasks) {
        List<SerializableCallable<T>> checked = new ArrayList<>(tasks.size());
        for (Callable<T> task : tasks) {
            checked.add(sendable(task));
        }
        List<Future<T>> futures = new ArrayList<>(checked.size());
        try {
            for (SerializableCallable<T> task : checked) {
                futures.add(submit(task));
            }
        } catch (RuntimeException e) {
            futures.forEach(f -> f.cancel(false));
            throw e;
        }
        return futures;
    }

    /** Waits until {@code f} is done or the deadline (System.nanoTime; MAX_VALUE: none) passes. */
    private static boolean awaitDone(Future<?> f, long deadline) throws InterruptedException {
        try {
            if (deadline == Long.MAX_VALUE) {
                f.get();
            } else {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | CancellationException finished) {
            // done, with a failure: the caller reads it from the future
        } catch (TimeoutException e) {
            return false;
        }
        return true;
    }

    /* ---------------- life ---------------- */

    /**
     * Stops new submissions; submitted tasks run on, and the workers exit once they are done. Does
     * not wait: see {@link #awaitTermination}, {@link #close()} or {@link #shutdown(boolean, boolean)}.
     */
    @Override
    public void shutdown() {
        shutdown(false, false);
    }

    /**
     * Python's {@code shutdown(wait, cancel_futures)}: stops new submissions; with
     * {@code cancelFutures}, cancels every task no worker has taken yet (their futures report
     * {@link CancellationException}); with {@code wait}, returns once every remaining task has
     * finished and every worker has exited.
     */
    public void shutdown(boolean wait, boolean cancelFutures) {
        shutdown.countDown();
        pool.stopAccepting();
        if (cancelFutures) {
            pool.cancelQueued();
        }
        if (wait) {
            pool.close();
        }
    }

    /**
     * Stops new submissions and cancels every task: queued ones never run, and running ones are
     * {@linkplain Thread#interrupt() interrupted} in their workers, each worker killed if its task
     * has not ended after the grace period ({@link Pool.Builder#cancelGrace}, a second by default);
     * every future not yet done fails with a {@link CancellationException} before this returns.
     * Returns at once; {@link #awaitTermination} waits until the workers have exited, which they
     * do as soon as their tasks have ended. Python's {@code shutdown(cancel_futures=True)} cannot
     * stop a running call.
     *
     * @return what each cancelled queued task would have run, as tasks for this JVM (a checked
     *         exception comes out of their {@code run} wrapped in a
     *         {@link java.util.concurrent.CompletionException}); tasks a worker already held are
     *         not among them
     */
    @Override
    public List<Runnable> shutdownNow() {
        shutdown(false, false);
        List<Runnable> queued = pool.cancelQueued();
        pool.cancelEverything();
        return queued;
    }

    /** Whether {@link #shutdown()} (or another way to end) has been called. */
    @Override
    public boolean isShutdown() {
        return shutdown.getCount() == 0;
    }

    /** Whether it has been shut down and every task has finished and every worker exited. */
    @Override
    public boolean isTerminated() {
        if (!isShutdown() || pool.onResultThread()) {
            return false; // termination waits for the future's callback this thread runs
        }
        try {
            return pool.join(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until, after a shutdown, every task has finished and every worker has exited, or the
     * timeout passes (also when no shutdown comes meanwhile).
     *
     * @return whether it terminated in time
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        if (!shutdown.await(timeout, unit)) {
            return false;
        }
        return pool.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /**
     * Shuts down and waits until every submitted task has finished (Java 19's
     * {@code ExecutorService.close()}); if this thread is interrupted meanwhile, ends everything
     * with {@link #shutdownNow()} and keeps the interrupt. Safe to call twice. Called from a stage
     * chained to one of its futures (which runs on the pool's result thread) it only shuts down,
     * since termination waits for that stage.
     */
    @Override
    public void close() {
        shutdown();
        if (pool.onResultThread()) {
            return;
        }
        boolean interrupted = false;
        while (!isTerminated()) {
            try {
                awaitTermination(1, TimeUnit.DAYS);
            } catch (InterruptedException e) {
                if (!interrupted) {
                    shutdownNow();
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ProcessPoolExecutor[" + pool.state() + "]";
    }
}
