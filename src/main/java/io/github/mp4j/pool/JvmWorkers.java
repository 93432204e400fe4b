package io.github.mp4j.pool;

import io.github.mp4j.StartMethod;
import io.github.mp4j.Task;
import io.github.mp4j.shipping.Shipment;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Workers that are child JVMs: a {@link io.github.mp4j.Pool}'s. Items are prepared when they are
 * submitted, in the form {@link Shipment} chooses (a lambda's shape and captured values, or Java
 * serialization with the static state snapshot the kernel asks for), so a worker sees the
 * notebook's variables as they were at submission.
 */
public final class JvmWorkers implements Worker.Backend {

    private final Task initializer;
    private final io.github.mp4j.PoolState.Settings settings;
    private final StartMethod startMethod;

    /** Workers whose JVMs get {@code settings}' options and limits. */
    public JvmWorkers(Task initializer, io.github.mp4j.PoolState.Settings settings, StartMethod startMethod) {
        this.initializer = initializer;
        this.settings = settings;
        this.startMethod = startMethod;
    }

    @Override
    public String kind() {
        return "process";
    }

    /** A call as one whole CALL message: the task in Java serialization. */
    record Call(byte[] message) implements WorkItem.Prepared {
    }

    /** A call as a lambda shape and its captured values: see {@link Shipment.Shaped}. */
    record ShapedCall(long shapeId, byte[] shape, byte[] captured) implements WorkItem.Prepared {
    }

    /** A chunk of a map: its values; the function goes along once per worker ({@link WorkItem.Function#encoded}). */
    record Chunk(byte[] values) implements WorkItem.Prepared {
    }

    /** A lambda shape as sent to workers: its id and its encoded key. */
    private record Shape(long id, byte[] encoded) {
    }

    /** The shapes of lambdas submitted so far, by key. */
    private final ConcurrentHashMap<List<String>, Shape> shapes = new ConcurrentHashMap<>();
    private final AtomicLong nextShape = new AtomicLong();

    @Override
    public void prepare(WorkItem item) throws IOException {
        if (item.call != null) {
            Shipment shipment = Shipment.forWorker(item.call);
            if (shipment instanceof Shipment.Shaped lambda) {
                Shape shape = shapes.computeIfAbsent(lambda.shape(),
                        key -> new Shape(nextShape.incrementAndGet(), lambda.shapeBytes()));
                if (shape.encoded() != null) {
                    item.prepared = new ShapedCall(shape.id(), shape.encoded(),
                            WorkCodec.values(Arrays.asList(lambda.captured())));
                    return;
                }
                // a shape has no compact form only with a name of over 16 Ki characters
                shipment = Shipment.serialized(item.call);
            }
            item.prepared = new Call(WorkCodec.call(item.id, ((Shipment.Serialized) shipment).bytes()));
            return;
        }
        synchronized (item.function) {
            if (item.function.encoded == null) {
                item.function.encoded = WorkCodec.function(Shipment.selfContained(item.function.fn));
            }
        }
        item.prepared = new Chunk(WorkCodec.values(item.items));
    }

    @Override
    public Worker start(String name, Worker.Events events) throws IOException {
        return JvmWorker.start(name, initializer, settings, startMethod, events);
    }
}
