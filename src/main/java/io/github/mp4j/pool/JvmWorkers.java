package io.github.mp4j.pool;

import io.github.mp4j.StartMethod;
import io.github.mp4j.Task;
import io.github.mp4j.handles.Transfer;
import io.github.mp4j.shipping.LambdaShape;

/**
 * Workers that are child JVMs: a {@link io.github.mp4j.Pool}'s. Items are serialized when they are
 * submitted, with the static state snapshot the kernel asks for (see {@link Transfer#serializeWithStaticState}),
 * so a worker sees the notebook's variables as they were at submission.
 */
public final class JvmWorkers implements Worker.Backend {

    private final Task initializer;
    private final int maxTasksPerChild;
    private final StartMethod startMethod;

    public JvmWorkers(Task initializer, int maxTasksPerChild, StartMethod startMethod) {
        this.initializer = initializer;
        this.maxTasksPerChild = maxTasksPerChild;
        this.startMethod = startMethod;
    }

    @Override
    public String kind() {
        return "process";
    }

    /** A call as a lambda shape and its captured values: see {@link LambdaShape}. */
    record ShapedCall(long shapeId, byte[] shape, byte[] captured) {
    }

    /** A lambda shape as sent to workers: its id and its encoded key. */
    private record Shape(long id, byte[] encoded) {
    }

    /** The shapes of lambdas submitted so far, by key. */
    private final java.util.concurrent.ConcurrentHashMap<java.util.List<String>, Shape> shapes =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong nextShape = new java.util.concurrent.atomic.AtomicLong();

    @Override
    public void prepare(WorkItem item) throws java.io.IOException {
        if (item.call != null) {
            // null with a static state source (the kernel): the task's bytes then carry a snapshot
            java.lang.invoke.SerializedLambda lambda = LambdaShape.describe(item.call);
            // a key has no compact form only with a name of over 16 Ki characters
            Shape shape = lambda == null ? null : shapes.computeIfAbsent(LambdaShape.key(lambda),
                    key -> new Shape(nextShape.incrementAndGet(), LambdaShape.keyBytes(key)));
            if (shape == null || shape.encoded() == null) {
                item.prepared = WorkCodec.call(item.id, Transfer.serializeWithStaticState(item.call));
                return;
            }
            item.prepared = new ShapedCall(shape.id(), shape.encoded(),
                    WorkCodec.values(java.util.Arrays.asList(LambdaShape.capturedArgs(lambda))));
            return;
        }
        synchronized (item.function) {
            if (item.function.encoded == null) {
                item.function.encoded = WorkCodec.function(item.function.fn);
            }
        }
        item.prepared = WorkCodec.values(item.items);
    }

    @Override
    public Worker start(String name, Worker.Events events) throws java.io.IOException {
        return JvmWorker.start(name, initializer, maxTasksPerChild, startMethod, events);
    }
}
