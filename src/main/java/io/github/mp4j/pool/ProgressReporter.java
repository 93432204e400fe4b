package io.github.mp4j.pool;

import io.github.mp4j.Progress;
import io.github.mp4j.ProgressListener;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One pool's maps in flight ({@link io.github.mp4j.PoolState#jobs()}) and its
 * {@link ProgressListener}s, plus the one watcher a notebook sets for every pool of its JVM
 * ({@link #watch}). Thread-safe.
 */
public final class ProgressReporter {

    private static final AtomicReference<Consumer<Supplier<Progress>>> WATCHER = new AtomicReference<>();

    private final String pool;
    private final BooleanSupplier dispatcherLocked;
    private final Executor resultThread;
    private final List<ProgressListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<JobProgress> running = ConcurrentHashMap.newKeySet();

    /**
     * @param dispatcherLocked whether the calling thread holds the dispatcher's lock, under which
     *                         no listener may run (items fail under it: termination, cancellation,
     *                         a lost worker)
     * @param resultThread     where a call that cannot run under that lock goes instead
     */
    ProgressReporter(String pool, BooleanSupplier dispatcherLocked, Executor resultThread) {
        this.pool = pool;
        this.dispatcherLocked = dispatcherLocked;
        this.resultThread = resultThread;
    }

    /**
     * Makes {@code w} hear of every map any pool of this JVM submits from now on, on the submitting
     * thread, as a source of its current progress, in place of any earlier watcher. The
     * notebook's progress bars use this. {@code w} must return at once.
     */
    public static void watch(Consumer<Supplier<Progress>> w) {
        WATCHER.set(w);
    }

    /** Stops {@code w} watching, unless another watcher has taken its place. */
    public static void unwatch(Consumer<Supplier<Progress>> w) {
        WATCHER.compareAndSet(w, null);
    }

    String pool() {
        return pool;
    }

    void add(ProgressListener listener) {
        listeners.add(listener);
    }

    void remove(ProgressListener listener) {
        listeners.remove(listener);
    }

    boolean hasListeners() {
        return !listeners.isEmpty();
    }

    /**
     * Whether a listener may run on this thread now; if not, a {@code required} call is handed to
     * the result thread (or, once that has ended with the pool, made here after all).
     */
    boolean mayCallHere(Runnable required) {
        if (!dispatcherLocked.getAsBoolean()) {
            return true;
        }
        if (required != null) {
            try {
                resultThread.execute(required);
            } catch (RejectedExecutionException poolFinished) {
                return true;
            }
        }
        return false;
    }

    /** Follows {@code job}, a map of {@code total} items in chunks of {@code chunksize}, before it is queued. */
    void track(Job job, long total, int chunksize) {
        JobProgress progress = new JobProgress(this, job, total, chunksize);
        job.progress = progress;
        running.add(progress);
        progress.call(true);
        Consumer<Supplier<Progress>> w = WATCHER.get();
        if (w != null) {
            Job.runCallback(w, progress, pool + "'s progress watcher");
        }
    }

    void finished(JobProgress progress) {
        running.remove(progress);
    }

    void tell(Progress progress) {
        for (ProgressListener listener : listeners) {
            Job.runCallback(listener::progress, progress, pool + "'s progress listener");
        }
    }

    /** The maps in flight, oldest first. */
    List<Progress> running() {
        if (running.isEmpty()) {
            return List.of();
        }
        List<JobProgress> jobs = new ArrayList<>(running);
        jobs.sort(Comparator.comparingLong(j -> j.number));
        List<Progress> now = new ArrayList<>(jobs.size());
        for (JobProgress job : jobs) {
            now.add(job.get());
        }
        return now;
    }
}
