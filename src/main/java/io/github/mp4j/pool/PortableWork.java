package io.github.mp4j.pool;

import io.github.mp4j.shipping.ClassShipping;
import io.github.mp4j.shipping.Shipment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Work items as self-contained messages, for workers that are not this pool's children and keep
 * nothing between items: a cluster node's slot ({@code cluster.NodeSlots}).
 *
 * <pre>{@code
 * PortableWork.prepare(item);                        // backend.prepare, on the submitting thread
 * byte[] reply = node.run(PortableWork.message(item)); // elsewhere: PortableWork.answer(message)
 * PortableWork.replied(events, worker, item, reply);
 * }</pre>
 *
 * A message is a {@link WorkCodec} CALL, or a CHUNK that always carries its map function; task and
 * function travel as {@link Shipment#serialized}, with the static state snapshot taken at
 * submission. The reply is a WorkCodec reply, so
 * errors, unreadable tasks and unsendable results read exactly as a local pool's do.
 */
public final class PortableWork {

    /** A prepared item: its message and the classes the message names. */
    record Message(byte[] message, List<Class<?>> named) implements WorkItem.Prepared {
    }

    static {
        // a node may run items before anything else of mp4j touched the registry: its first item's
        // classes resolve, and its results' loaders are remembered, as in any other mp4j JVM
        ClassShipping.install();
    }

    private PortableWork() {}

    /**
     * Encodes {@code item} into its message, on the submitting thread (a backend's
     * {@link Worker.Backend#prepare}).
     *
     * @throws IOException when the task, function or an argument cannot be serialized
     */
    public static void prepare(WorkItem item) throws IOException {
        if (item.call != null) {
            Shipment.Serialized call = Shipment.serialized(item.call);
            item.prepared = new Message(WorkCodec.call(item.id, call.bytes()), call.named());
            return;
        }
        WorkItem.Function function = item.function;
        synchronized (function) {
            if (function.named == null) {
                Shipment.Serialized fn = Shipment.serialized(function.fn);
                function.encoded = fn.bytes();
                function.named = fn.named();
            }
        }
        List<Class<?>> named = new ArrayList<>(function.named);
        byte[] values = WorkCodec.values(item.items, named::add);
        WorkCodec.Buffer message = new WorkCodec.Buffer();
        WorkCodec.withDefinition(message, WorkCodec.CHUNK, item.id, function.id, function.encoded, values);
        item.prepared = new Message(message.toByteArray(), named);
    }

    /** The message of a prepared item. */
    public static byte[] message(WorkItem item) {
        return ((Message) item.prepared).message();
    }

    /**
     * The classes a prepared item's message names (the task's, its lambdas' capturing classes,
     * its arguments'): what the receiving JVM must be able to load.
     */
    public static List<Class<?>> named(WorkItem item) {
        return ((Message) item.prepared).named();
    }

    /** What the caller's errors call the item ({@code apply #3}, {@code map #2 chunk 1}). */
    public static String label(WorkItem item) {
        return item.label();
    }

    /**
     * Runs one message and returns the reply; never throws. Classes resolve through
     * {@link ClassShipping#loader()}. An {@link OutOfMemoryError} is the
     * task's failure: the JVM running it is not this pool's to end.
     */
    public static byte[] answer(byte[] message) {
        WorkCodec.Request request;
        try {
            request = new WorkCodec().request(message);
        } catch (IOException | RuntimeException e) {
            return WorkCodec.error(-1, e);
        }
        return WorkerLoop.answer(request, false);
    }

    /** Reports the reply to {@code item}; {@code worker} names the worker in a remote traceback. */
    public static void replied(Worker.Events events, Worker worker, WorkItem item, byte[] reply) {
        Outcome outcome;
        try {
            outcome = WorkCodec.reply(reply, worker.name(), worker.pid()).outcome();
        } catch (IOException e) {
            outcome = Outcome.failed(e);
        }
        events.replied(worker, item.id, outcome);
    }

    /** Reports that {@code item} failed before it could run, with {@code failure}. */
    public static void failed(Worker.Events events, Worker worker, WorkItem item, Throwable failure) {
        events.replied(worker, item.id, Outcome.failed(failure));
    }
}
