package io.github.mp4j.manager;

import io.github.mp4j.manager.SharedType.QueueMethod;

/**
 * The calls of a Queue proxy that only look at how many items it holds ({@code qsize}, {@code empty},
 * {@code full}, {@code toString}): shared by the manager server ({@code QueueReferent}) and the
 * cluster store, so both answer them alike.
 */
public final class QueueSizeCalls {

    private QueueSizeCalls() {
    }

    /** Whether a queue of {@code size} items that holds at most {@code maxsize} (0 or less: no bound) is full. */
    public static boolean full(int size, int maxsize) {
        return maxsize > 0 && size >= maxsize;
    }

    /**
     * Answers {@code method} for a queue of {@code size} items that holds at most {@code maxsize}
     * ({@code 0} or less: no bound).
     */
    public static Object answer(QueueMethod method, int size, int maxsize) {
        boolean bounded = maxsize > 0;
        return switch (method) {
            case qsize -> size;
            case empty -> size == 0;
            case full -> full(size, maxsize);
            case toString -> "<Queue(qsize=" + size + (bounded ? ", maxsize=" + maxsize : "") + ")>";
            case put, get, taskDone, join -> throw new IllegalArgumentException("not a size call: " + method);
        };
    }
}
