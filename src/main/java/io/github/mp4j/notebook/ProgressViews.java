package io.github.mp4j.notebook;

import io.github.mp4j.Progress;
import io.github.mp4j.kernel.magics.ProgressMagic;
import io.github.mp4j.pool.ProgressReporter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The progress bars of a notebook: any map of any pool in this JVM ({@code map}, {@code mapAsync},
 * {@code starmap}, {@code imap}, {@code imapUnordered}, an executor's {@code map}) still running
 * {@value #SHOW_AFTER_MILLIS} ms after it was submitted gets a new output in the running cell, a
 * {@link LiveProgress} with a display id of its own, redrawn in place every
 * {@value #INTERVAL_MILLIS} ms while it changes; its final state stays in the saved notebook.
 * {@code %progress off} ({@link ProgressMagic}) stops new bars.
 *
 * <p>Implementation overview. The views hear of each map through {@link ProgressReporter#watch}
 * on the submitting thread and only schedule a look at it, on their timer thread. As for the pool
 * tables ({@link PoolViews}), output goes out only while a cell runs: {@link #cellStarted()} opens,
 * {@link #cellEnded()} sends the state of every bar before the cell's reply and forgets the
 * finished ones, and a host without an end-of-cell hook calls {@link #cellLeft(long)}, after which
 * the bars redrawn since the cell was last seen running are redrawn again in the next cell. A map
 * that ends, or whose cell ends, before its first second passes shows nothing. {@code this} guards
 * every field and is held while an output is sent.
 */
public final class ProgressViews implements Consumer<Supplier<Progress>> {

    /** How long a map runs before it gets a bar. */
    public static final long SHOW_AFTER_MILLIS = 1000;
    /** The least time between two redraws of the bars. */
    public static final long INTERVAL_MILLIS = 250;

    /** A map's progress as shown under display id {@code displayId}. */
    public record LiveProgress(Progress progress, String displayId) {
        @Override
        public String toString() {
            return progress.toString();
        }
    }

    private final Consumer<Object> show;
    private final BiConsumer<String, Object> update;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mp4j-progress-views");
        t.setDaemon(true);
        return t;
    });
    private final List<Bar> bars = new ArrayList<>();
    private boolean cellRunning;
    private boolean ticking;

    /**
     * Views that show a new bar with {@code show} (a new output of the running cell) and redraw it
     * with {@code update} (by display id); they follow every pool of this JVM from now on.
     */
    public ProgressViews(Consumer<Object> show, BiConsumer<String, Object> update) {
        this.show = show;
        this.update = update;
        ProgressReporter.watch(this);
    }

    /** A map was submitted: look at it once its first second has passed. */
    @Override
    public void accept(Supplier<Progress> job) {
        if (ProgressMagic.showing() && !timer.isShutdown()) {
            timer.schedule(() -> appear(job), SHOW_AFTER_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void appear(Supplier<Progress> job) {
        Progress now = job.get();
        if (!cellRunning || now.finished()) {
            return;
        }
        Bar bar = new Bar(job, "mp4j-progress-" + UUID.randomUUID());
        show.accept(new LiveProgress(now, bar.id));
        bar.shown = now;
        bar.sentAt = System.nanoTime();
        bars.add(bar);
        if (!ticking) {
            ticking = true;
            timer.scheduleWithFixedDelay(this::redraw, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void redraw() {
        if (cellRunning) {
            bars.forEach(this::send);
        }
    }

    /** A cell starts: bars may be redrawn again, first those that may have lost their last redraw. */
    public synchronized void cellStarted() {
        cellRunning = true;
        bars.forEach(this::send);
    }

    /** The running cell is ending: every bar shows its state now; finished ones are done with. */
    public synchronized void cellEnded() {
        try {
            bars.forEach(this::send);
            bars.removeIf(bar -> bar.shown.finished());
        } finally {
            cellRunning = false;
        }
    }

    /**
     * The running cell has ended, and the host says so only afterwards: a bar redrawn after
     * {@code stillRunningAt} ({@link System#nanoTime()}) may have lost it and is redrawn in the
     * next cell; the other finished bars are done with.
     */
    public synchronized void cellLeft(long stillRunningAt) {
        cellRunning = false;
        bars.removeIf(bar -> bar.shown != null && bar.shown.finished() && bar.sentAt - stillRunningAt < 0);
        for (Bar bar : bars) {
            if (bar.sentAt - stillRunningAt >= 0) {
                bar.shown = null;
            }
        }
    }

    /** Stops following pools; nothing is sent afterwards. */
    public synchronized void close() {
        ProgressReporter.unwatch(this);
        timer.shutdownNow();
        bars.clear();
        cellRunning = false;
    }

    private void send(Bar bar) {
        Progress now = bar.job.get();
        if (!now.equals(bar.shown)) {
            update.accept(bar.id, new LiveProgress(now, bar.id));
            bar.shown = now;
            bar.sentAt = System.nanoTime();
        }
    }

    /** One map's output. Guarded by the enclosing instance. */
    private static final class Bar {
        final Supplier<Progress> job;
        final String id;
        /** What the output shows; null when it may show an older state. */
        Progress shown;
        long sentAt;

        Bar(Supplier<Progress> job, String id) {
            this.job = job;
            this.id = id;
        }
    }
}
