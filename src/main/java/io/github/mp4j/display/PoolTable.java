package io.github.mp4j.display;

import io.github.mp4j.PoolState;

import java.time.Duration;
import java.time.Instant;

/**
 * A pool's state as static HTML: a summary line (name, status, queue, totals), a progress bar
 * per map in flight ({@link ProgressBar}) and one row per worker. The kernel shows a {@code Pool} or {@code PoolState} value this way, and the live
 * {@code %pool} view redraws it in place.
 *
 * <pre>{@code
 * String html = PoolTable.html(pool.state());
 * }</pre>
 */
public final class PoolTable {

    private PoolTable() {}

    public static String html(PoolState state) {
        return html(state, Instant.now());
    }

    /** As {@link #html(PoolState)}, with worker ages measured at {@code now}. */
    public static String html(PoolState state, Instant now) {
        HtmlTable table = new HtmlTable("worker", "pid", "state", "task", "done", "failures", "up", "exit code");
        for (PoolState.Worker w : state.workers()) {
            table.row(w.name(), w.pid() == null ? "" : w.pid(), w.state().name().toLowerCase(),
                    w.task() == null ? "" : w.task(), w.tasksDone(), w.failures(),
                    w.state() == PoolState.WorkerState.EXITED ? "" : age(Duration.between(w.started(), now)),
                    w.exitCode() == null ? "" : w.exitCode());
        }
        return "<div class=\"mp4j-pool\"><p><b>" + HtmlTable.escape(state.name()) + "</b> — "
                + state.processes() + " " + state.kind() + " workers, " + state.status().name().toLowerCase()
                + "; queued " + state.queued() + ", completed " + state.completed() + ", failed " + state.failed()
                + "</p>\n" + settings(state.settings()) + jobs(state) + table.toHtml() + "</div>";
    }

    /** The options the pool was built with, when any differs from the default: a line of its own. */
    private static String settings(PoolState.Settings settings) {
        String chosen = settings.toString();
        return chosen.isEmpty() ? "" : "<p class=\"mp4j-pool-settings\">" + HtmlTable.escape(chosen) + "</p>\n";
    }

    private static String jobs(PoolState state) {
        StringBuilder html = new StringBuilder();
        for (io.github.mp4j.Progress job : state.jobs()) {
            html.append(ProgressBar.html(job)).append('\n');
        }
        return html.toString();
    }

    private static String age(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s < 60 ? s + " s" : s < 3600 ? s / 60 + " min " + s % 60 + " s" : s / 3600 + " h " + s / 60 % 60 + " min";
    }
}
