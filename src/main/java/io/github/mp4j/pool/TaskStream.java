package io.github.mp4j.pool;

import io.github.mp4j.Timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The last {@code mp4j.pool.timelineSpans} (default {@value #DEFAULT_CAPACITY}) items a pool's
 * workers ran, for {@link io.github.mp4j.Pool#timeline()}. Recording is a few stores into
 * preallocated arrays, made where the {@link Dispatcher} already holds its lock for an answer,
 * so it costs nothing a benchmark can see; the arrays start small and double until they hold the
 * capacity (about 50 bytes a span), then the oldest span makes room. Labels are made only when a
 * timeline is asked for. Guarded by the dispatcher's lock.
 */
final class TaskStream {

    static final int DEFAULT_CAPACITY = 4096;
    private static final int FIRST_SIZE = 64;

    /** Relates {@link System#nanoTime()} to wall-clock time once, so spans become instants. */
    private final long originNanos = System.nanoTime();
    private final Instant origin = Instant.now();
    private String[] worker = new String[0];
    private long[] pid = new long[0];
    /* a job's parts, not the job: it holds its results */
    private String[] kind = new String[0];
    private long[] number = new long[0];
    private int[] items = new int[0];
    private int[] index = new int[0];
    private long[] start = new long[0];
    private long[] end = new long[0];
    private boolean[] failed = new boolean[0];
    private final int capacity;
    private int next;
    private int size;

    TaskStream() {
        this(Math.max(1, Integer.getInteger("mp4j.pool.timelineSpans", DEFAULT_CAPACITY)));
    }

    TaskStream(int capacity) {
        this.capacity = capacity;
        resize(Math.min(capacity, FIRST_SIZE));
    }

    /** Grows (or makes) the arrays; only while no span has been overwritten, so they hold spans 0..size-1. */
    private void resize(int length) {
        worker = Arrays.copyOf(worker, length);
        pid = Arrays.copyOf(pid, length);
        kind = Arrays.copyOf(kind, length);
        number = Arrays.copyOf(number, length);
        items = Arrays.copyOf(items, length);
        index = Arrays.copyOf(index, length);
        start = Arrays.copyOf(start, length);
        end = Arrays.copyOf(end, length);
        failed = Arrays.copyOf(failed, length);
    }

    /** Records that {@code item} ran in {@code slot}'s worker from {@code startNanos} to {@code endNanos}. */
    void ran(WorkerSlot slot, WorkItem item, long startNanos, long endNanos, boolean failure) {
        if (size == worker.length && size < capacity) {
            resize(Math.min(capacity, 2 * size));
            next = size;
        }
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
