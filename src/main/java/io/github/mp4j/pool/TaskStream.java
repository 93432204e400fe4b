package io.github.mp4j.pool;

import io.github.mp4j.Timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code mp4j.pool.timelineSpans} (default {@value #DEFAULT_CAPACITY}) items a pool's
 * workers ran, for {@link io.github.mp4j.Pool#timeline()}. Recording is a few stores into
 * preallocated arrays, made where the {@link Dispatcher} already holds its lock for an answer,
 * so it costs nothing a benchmark can see and memory stays bounded; labels are made only when a
 * timeline is asked for. Guarded by the dispatcher's lock.
 */
final class TaskStream {

    static final int DEFAULT_CAPACITY = 4096;

    /** Relates {@link System#nanoTime()} to wall-clock time once, so spans become instants. */
    private final long originNanos = System.nanoTime();
    private final Instant origin = Instant.now();
    private final String[] worker;
    private final long[] pid;
    /* a job's parts, not the job: it holds its results */
    private final String[] kind;
    private final long[] number;
    private final int[] items;
    private final int[] index;
    private final long[] start;
    private final long[] end;
    private final boolean[] failed;
    private int next;
    private int size;

    TaskStream() {
        this(Math.max(1, Integer.getInteger("mp4j.pool.timelineSpans", DEFAULT_CAPACITY)));
    }

    TaskStream(int capacity) {
        worker = new String[capacity];
        pid = new long[capacity];
        kind = new String[capacity];
        number = new long[capacity];
        items = new int[capacity];
        index = new int[capacity];
        start = new long[capacity];
        end = new long[capacity];
        failed = new boolean[capacity];
    }

    /** Records that {@code item} ran in {@code slot}'s worker from {@code startNanos} to now. */
    void ran(WorkerSlot slot, WorkItem item, long startNanos, long endNanos, boolean failure) {
        Worker w = slot.worker;
        worker[next] = w == null ? slot.name : w.name();
        pid[next] = w == null ? -1 : w.pid();
        kind[next] = item.job.kind;
        number[next] = item.job.number;
        items[next] = item.job.items;
        index[next] = item.index;
        start[next] = startNanos;
        end[next] = endNanos;
        failed[next] = failure;
        next = (next + 1) % worker.length;
        size = Math.min(size + 1, worker.length);
    }

    /** The recorded spans, oldest first. */
    Timeline timeline(String title) {
        List<Timeline.Span> spans = new ArrayList<>(size);
        for (int i = 0, at = (next - size + worker.length) % worker.length; i < size; i++, at = (at + 1) % worker.length) {
            spans.add(new Timeline.Span(worker[at], pid[at] < 0 ? null : pid[at], Job.label(kind[at], number[at], items[at], index[at]),
                    instant(start[at]), instant(Math.max(start[at], end[at])), failed[at]));
        }
        return new Timeline(title, spans);
    }

    private Instant instant(long nanos) {
        return origin.plus(Duration.ofNanos(nanos - originNanos));
    }
}
