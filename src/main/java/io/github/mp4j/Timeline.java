package io.github.mp4j;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What ran where and when: one span per task (or map chunk) from its start to its end in a
 * worker, like the task stream of Dask's dashboard. {@link Pool#timeline()} gives a pool's last
 * spans; {@link #toSvg()} draws one row per worker and one bar per span, so gaps (a worker
 * waiting, a JVM starting) and failures (red, crossed) show. In a notebook a timeline is shown as
 * that picture. Python has no counterpart.
 *
 * <pre>{@code
 * pool.map(x -> work(x), inputs);
 * Timeline t = pool.timeline();
 * Files.writeString(Path.of("tasks.svg"), t.toSvg());
 * }</pre>
 *
 * <p>Spans may also be made by hand (the 100 processes of notebook {@code 03-pool} are drawn
 * this way), one row per distinct {@link Span#worker()}.
 *
 * @param title what the picture shows, e.g. the pool's name
 * @param spans the spans, in any order
 */
public record Timeline(String title, List<Span> spans) {

    public Timeline {
        Objects.requireNonNull(title, "title");
        spans = List.copyOf(spans);
    }

    /**
     * One task's run.
     *
     * @param worker the row it is drawn in, e.g. {@code Pool-1-worker-2}
     * @param pid    the process id of the worker, or null when unknown
     * @param task   what ran, e.g. {@code map #3 chunk 2/16}
     * @param start  when the worker started it (for a pool: when it was sent, or when the worker
     *               answered the task before it, whichever is later)
     * @param end    when its result (or failure) arrived
     * @param failed whether it raised, was lost with its worker or was cancelled while it ran
     */
    public record Span(String worker, Long pid, String task, Instant start, Instant end, boolean failed) {
        /** @throws IllegalArgumentException if {@code end} is before {@code start} */
        public Span {
            Objects.requireNonNull(worker, "worker");
            Objects.requireNonNull(task, "task");
            if (end.isBefore(start)) {
                throw new IllegalArgumentException(task + " ends (" + end + ") before it starts (" + start + ")");
            }
        }

        public Duration duration() {
            return Duration.between(start, end);
        }
    }

    /** The rows: each worker's spans ordered by start, workers in the order they first started. */
    public Map<String, List<Span>> rows() {
        List<Span> byStart = new ArrayList<>(spans);
        byStart.sort(java.util.Comparator.comparing(Span::start));
        Map<String, List<Span>> rows = new LinkedHashMap<>();
        for (Span s : byStart) {
            rows.computeIfAbsent(s.worker(), w -> new ArrayList<>()).add(s);
        }
        return rows;
    }

    /** From the first start to the last end; zero without spans. */
    public Duration duration() {
        Instant first = spans.stream().map(Span::start).min(Instant::compareTo).orElse(Instant.EPOCH);
        Instant last = spans.stream().map(Span::end).max(Instant::compareTo).orElse(Instant.EPOCH);
        return Duration.between(first, last);
    }

    /**
     * The picture as a standalone SVG document: no script and no external style, so an exported
     * notebook keeps it. Each bar's tooltip names the task, its worker and its times.
     */
    public String toSvg() {
        return io.github.mp4j.display.TimelineChart.svg(this);
    }

    /** A summary: spans, workers, failures and the time covered. */
    @Override
    public String toString() {
        long failures = spans.stream().filter(Span::failed).count();
        return title + ": " + spans.size() + " tasks on " + rows().size() + " workers over "
                + io.github.mp4j.display.TimeFormat.clock(duration()) + (failures > 0 ? ", " + failures + " failed" : "");
    }
}
