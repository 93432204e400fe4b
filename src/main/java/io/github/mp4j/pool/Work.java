package io.github.mp4j.pool;

import io.github.mp4j.SerializableCallable;
import io.github.mp4j.SerializableFunction;

import java.util.ArrayList;
import java.util.List;

/**
 * What one work item asks a worker to run: a call, or a function over a chunk of items. Built in
 * the worker from decoded parts (never serialized itself), and directly by a thread pool.
 */
public abstract class Work {

    private Work() {}

    /** Runs the work; a chunk returns the list of its results, in order. */
    public abstract Object run() throws Exception;

    /** Whether {@link #run()} returns a chunk's list of results. */
    public abstract boolean isChunk();

    public static Work call(SerializableCallable<?> call) {
        return new Call(call);
    }

    @SuppressWarnings("unchecked")
    public static Work chunk(SerializableFunction<?, ?> fn, List<?> items) {
        return new Chunk((SerializableFunction<Object, Object>) fn, items);
    }

    private static final class Call extends Work {
        private final SerializableCallable<?> call;

        Call(SerializableCallable<?> call) {
            this.call = call;
        }

        @Override
        public Object run() throws Exception {
            return call.call();
        }

        @Override
        public boolean isChunk() {
            return false;
        }
    }

    private static final class Chunk extends Work {
        private final SerializableFunction<Object, Object> fn;
        private final List<?> items;

        Chunk(SerializableFunction<Object, Object> fn, List<?> items) {
            this.fn = fn;
            this.items = items;
        }

        @Override
        public Object run() throws Exception {
            List<Object> results = new ArrayList<>(items.size());
            for (Object item : items) {
                results.add(fn.apply(item));
            }
            return results;
        }

        @Override
        public boolean isChunk() {
            return true;
        }
    }
}
