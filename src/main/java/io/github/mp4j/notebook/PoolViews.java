package io.github.mp4j.notebook;

import io.github.mp4j.Pool;
import io.github.mp4j.PoolState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Keeps every pool shown in the notebook up to date: each output of a pool carries a display id,
 * and when the pool's state changes the kernel sends {@code update_display_data} for those ids.
 *
 * <p>Implementation overview. Frontends drop output sent while no cell runs (kernel-facts 9), so
 * updates go out only while a cell runs. A pool's coalesced state listener asks for an update;
 * the update is sent on a timer thread at least {@value #MIN_INTERVAL_MILLIS} ms after the
 * previous one, with the state read at that moment, so a pool sends a few updates a second
 * however busy it is. When a cell ends, {@link #cellEnded()} sends, on the shell thread and before
 * the cell's reply, the current state of every pool whose outputs show an older one; when a cell
 * starts, {@link #cellStarted()} catches up on what changed while the kernel was idle. An update
 * is sent only when the state differs from the one last shown (records compare by value). Once a
 * pool has finished (closed or terminated, every worker gone) and its final state is shown, it is
 * forgotten.
 *
 * <p>A host kernel without an end-of-cell hook (JJava, IJava: see {@code NotebookSide}) calls
 * {@link #cellLeft(long)} instead of {@link #cellEnded()} once it sees that the cell is over: updates
 * sent since the cell ended may have been dropped, so the next cell starts by resending them.
 *
 * <p>Locks: {@code this} guards every field and is held while an update is sent, so updates from
 * the timer and the shell thread never interleave; it is taken before the output's lock and a
 * pool's own, never inside them (pool listeners only schedule).
 */
public final class PoolViews {

    /** The least time between two updates of one pool's outputs. */
    public static final long MIN_INTERVAL_MILLIS = 250;

    private final BiConsumer<String, PoolState> update;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mp4j-pool-views");
        t.setDaemon(true);
        return t;
    });
    private final Map<Pool, View> views = new IdentityHashMap<>();
    private final Set<Pool> shownInCell = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean cellRunning;

    /** @param update sends {@code update_display_data} for a display id with a pool's state */
    public PoolViews(BiConsumer<String, PoolState> update) {
        this.update = update;
    }

    /**
     * Records that {@code pool} is being shown as {@code state} under display id {@code id} (null:
     * the pool's own id), so that this output follows the pool from now on. Returns the id used.
     */
    public synchronized String track(Pool pool, PoolState state, String id) {
        View view = views.get(pool);
        if (view == null) {
            view = new View(pool);
            views.put(pool, view);
            pool.addListener(view);
        }
        String shownId = id == null ? view.ownId : id;
        boolean othersLag = view.ids.stream().anyMatch(i -> !i.equals(shownId)) && !state.equals(view.shown);
        view.ids.add(shownId);
        // Frontends apply a display with a known id to every earlier output with that id, so
        // the pool's other outputs show this state too, unless they carry other ids.
        view.shown = othersLag ? null : state;
        if (othersLag) {
            schedule(view);
        }
        shownInCell.add(pool);
        return shownId;
    }

    /** Whether {@code value} is a pool already shown by the running cell (so not shown twice). */
    public synchronized boolean shownInCell(Object value) {
        return value instanceof Pool pool && shownInCell.contains(pool);
    }

    /** Whether {@code pool}'s outputs are still followed (a finished pool's are not, once shown final). */
    public synchronized boolean follows(Pool pool) {
        return views.containsKey(pool);
    }

    /** A cell starts: updates may go out again, starting with what changed while idle. */
    public synchronized void cellStarted() {
        cellRunning = true;
        shownInCell.clear();
        views.values().forEach(this::schedule);
    }

    /** The running cell is ending: shows the current state of every pool that changed. */
    public synchronized void cellEnded() {
        try {
            for (View view : new ArrayList<>(views.values())) {
                send(view);
            }
        } finally {
            cellRunning = false;
        }
    }

    /**
     * The running cell has ended, and the host says so only afterwards (it has no end-of-cell
     * hook): nothing is sent now, and the pools whose last update went out after
     * {@code stillRunningAt} (a {@link System#nanoTime()} at which the cell was known to run) may
     * have lost it, so the next {@link #cellStarted()} sends them again.
     */
    public synchronized void cellLeft(long stillRunningAt) {
        cellRunning = false;
        for (View view : views.values()) {
            if (view.sentAt - stillRunningAt >= 0) {
                view.shown = null;
            }
        }
    }

    /** Stops the timer; no update is sent afterwards. */
    public synchronized void close() {
        timer.shutdownNow();
        views.forEach((pool, view) -> pool.removeListener(view));
        views.clear();
        cellRunning = false;
    }

    private synchronized void schedule(View view) {
        if (view.due || !cellRunning || timer.isShutdown()) {
            return; // already on its way, or cellStarted() will ask again
        }
        view.due = true;
        long wait = Math.max(0, view.sentAt + TimeUnit.MILLISECONDS.toNanos(MIN_INTERVAL_MILLIS) - System.nanoTime());
        timer.schedule(() -> flush(view), wait, TimeUnit.NANOSECONDS);
    }

    private synchronized void flush(View view) {
        view.due = false;
        if (cellRunning && views.get(view.pool) == view) {
            send(view);
        }
    }

    /** Sends the pool's current state to its outputs if they show another; forgets a finished pool. */
    private void send(View view) {
        boolean finished = !Pool.active().contains(view.pool); // read first: then the state below is final
        PoolState now = view.pool.state();
        if (!now.equals(view.shown)) {
            for (String id : view.ids) {
                update.accept(id, now);
            }
            view.shown = now;
            view.sentAt = System.nanoTime();
        }
        if (finished) {
            views.remove(view.pool);
            view.pool.removeListener(view);
        }
    }

    /** One pool's outputs. Guarded by the enclosing instance. */
    private final class View implements Consumer<PoolState> {
        final Pool pool;
        final String ownId = "mp4j-pool-" + UUID.randomUUID();
        final Set<String> ids = new LinkedHashSet<>();
        /** What every output of this pool shows; null when some may show an older state. */
        PoolState shown;
        long sentAt = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(MIN_INTERVAL_MILLIS);
        boolean due;

        View(Pool pool) {
            this.pool = pool;
        }

        /** The pool's listener, on its notifier thread. */
        @Override
        public void accept(PoolState changed) {
            schedule(this);
        }
    }
}
