package io.github.mp4j.pool;

import io.github.mp4j.Progress;
import io.github.mp4j.ProgressListener;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One map's progress: its items (input elements) done and failed, counted as its chunks end
 * ({@link Job#complete}), and the calls of its pool's {@link ProgressListener}s. The counts are
 * guarded by {@code this}; calls to listeners by {@link #calling}, so that calls for one job
 * never overlap and come in order. An item's end costs a short synchronized count when nobody
 * listens, and a listener is called at most every {@link ProgressListener#INTERVAL_MILLIS} ms
 * (a reply that finds a call under way skips its own), except for the first and the last call.
 */
final class JobProgress implements Supplier<Progress> {

    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(ProgressListener.INTERVAL_MILLIS);

    private final ProgressReporter reporter;
    final long number;
    private final String job;
    private final long total;
    private final int chunksize;
    private final long startNanos = System.nanoTime();
    private long done;
    private long failed;
    private int chunksLeft;
    /** When the last chunk ended; 0 while running. */
    private long endNanos;

    private final ReentrantLock calling = new ReentrantLock();
    /* guarded by calling */
    private long calledAt;
    private boolean calledFinal;

    JobProgress(ProgressReporter reporter, Job job, long total, int chunksize) {
        this.reporter = reporter;
        this.number = job.number;
        this.job = job.name();
        this.total = total;
        this.chunksize = chunksize;
        this.chunksLeft = job.items;
    }

    /** Chunk {@code index} has ended: counts its items and tells the listeners. */
    void ended(int index, boolean failure) {
        long items = Math.min(chunksize, total - (long) index * chunksize);
        boolean last;
        synchronized (this) {
            if (failure) {
                failed += items;
            } else {
                done += items;
            }
            last = --chunksLeft == 0;
            if (last) {
                endNanos = Math.max(startNanos + 1, System.nanoTime());
            }
        }
        if (last) {
            reporter.finished(this);
        }
        call(last);
    }

    /** Calls the listeners with the progress now, unless one was called too recently ({@code force}: always). */
    void call(boolean force) {
        if (!reporter.hasListeners() || !reporter.mayCallHere(force ? () -> call(true) : null)) {
            return;
        }
        if (force) {
            calling.lock();
        } else if (!calling.tryLock()) {
            return;
        }
        try {
            long now = System.nanoTime();
            if (calledFinal || !force && now - calledAt < INTERVAL_NANOS) {
                return;
            }
            calledAt = now;
            Progress progress = get();
            calledFinal = progress.finished();
            reporter.tell(progress);
        } finally {
            calling.unlock();
        }
    }

    /** The progress now. */
    @Override
    public synchronized Progress get() {
        long until = endNanos != 0 ? endNanos : System.nanoTime();
        return new Progress(reporter.pool(), job, total, done, failed, Duration.ofNanos(until - startNanos),
                endNanos != 0);
    }
}
