package io.github.mp4j.pool;

import java.util.concurrent.TimeUnit;

/**
 * How many unanswered items one worker may hold: about a millisecond of its work, from the mean
 * time it took per item so far ({@value #FIRST_WINDOW} items before its first answer), at least 2
 * and at most {@code mp4j.pool.prefetch} (default 32). The {@link Dispatcher} caps it further at an
 * even share of the unanswered items. Short items so hide the pipe's latency and thread wake-ups
 * behind work, while long ones stay spread over the workers (a long item waits behind at most one
 * other). Guarded by the dispatcher's lock, as the slot that owns it.
 */
final class WorkerWindow {

    private static final int PREFETCH = Math.max(1, Integer.getInteger("mp4j.pool.prefetch", 32));
    private static final int FIRST_WINDOW = 8;
    private static final long HELD_WORK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** The mean time an item took, from when it was sent or the previous answer came; 0 before any. */
    private long meanServiceNanos;
    private long lastAnswerNanos;

    /** How many unanswered items this worker may hold, before the queue's even share caps it. */
    int size() {
        if (meanServiceNanos == 0) {
            return Math.min(PREFETCH, FIRST_WINDOW);
        }
        return (int) Math.min(PREFETCH, Math.max(2, HELD_WORK_NANOS / meanServiceNanos));
    }

    /**
     * Takes in the time {@code item}, answered at {@code now}, took; returns when it started.
     */
    long served(WorkItem item, long now) {
        long started = startOf(item);
        long took = Math.max(1, now - started);
        lastAnswerNanos = now;
        meanServiceNanos = meanServiceNanos == 0 ? took : meanServiceNanos + (took - meanServiceNanos) / 8;
        return started;
    }

    /**
     * When the worker started {@code item}, the oldest it holds: a worker answers in order, so
     * when it was sent or when the item before it was answered, whichever came later.
     */
    long startOf(WorkItem item) {
        return Math.max(lastAnswerNanos, item.sentNanos);
    }
}
