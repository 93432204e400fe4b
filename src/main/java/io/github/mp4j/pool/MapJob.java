package io.github.mp4j.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Consumer;

/**
 * {@code map}'s result: the chunks' results in input order, or the first failure to arrive. Like
 * Python it is ready only when every chunk has finished, so no worker still runs a chunk of a map
 * whose caller has moved on.
 */
final class MapJob<R> extends SingleResult<List<R>> {

    private final List<?>[] chunks;
    private int left;
    private Throwable firstFailure;

    MapJob(Dispatcher dispatcher, long number, int chunkCount,
           Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        super(dispatcher, number, "map", chunkCount, callback, errorCallback);
        this.chunks = new List<?>[chunkCount];
        this.left = chunkCount;
        if (chunkCount == 0) {
            finish(new ArrayList<>(), null);
        }
    }

    @Override
    void itemEnded(int index, Outcome outcome) {
        synchronized (this) {
            if (outcome.failed()) {
                if (firstFailure == null) {
                    firstFailure = outcome.error;
                }
            } else {
                chunks[index] = (List<?>) outcome.value;
            }
            if (--left > 0) {
                return;
            }
        }
        if (firstFailure != null) {
            finish(null, firstFailure);
            return;
        }
        int size = 0;
        for (List<?> chunk : chunks) {
            size += chunk.size();
        }
        List<Object> all = new ArrayList<>(size);
        for (List<?> chunk : chunks) {
            if (chunk instanceof RandomAccess) {
                // element by element: addAll would first box a received chunk into an array to copy
                for (int i = 0, n = chunk.size(); i < n; i++) {
                    all.add(chunk.get(i));
                }
            } else {
                all.addAll(chunk);
            }
        }
        @SuppressWarnings("unchecked")
        List<R> results = (List<R>) all;
        finish(results, null);
    }
}
