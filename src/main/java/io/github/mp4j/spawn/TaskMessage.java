package io.github.mp4j.spawn;

import io.github.mp4j.shipping.Shipment;

import java.io.IOException;
import java.io.StreamCorruptedException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The body of a child's TASK message: the {@link ChildTask} it runs, in the form
 * {@link Shipment#forChild} chose for it, after a tag that names the form.
 *
 * <pre>
 * JAVA    {@link Shipment.Serialized}        (handles may travel; with a static state source, its snapshot)
 * PARTS   {@link Shipment.InParts}           a ChildTask made of {@code wire/Parts}, all of them
 *                                   travelling without Java serialization
 * </pre>
 *
 * <p>Why two forms: the first Java deserialization in a JVM costs about as much CPU as the JVM's own
 * boot (~0.1 s here), which a {@code Process} whose task is a lambda over numbers and strings, and a
 * pool's worker, never pay (see {@code shipping/PartsForm}). A task that captures any other object
 * travels by Java serialization.
 */
public final class TaskMessage {

    private static final byte JAVA = 1;
    private static final byte PARTS = 2;

    private TaskMessage() {}

    /** The TASK body for {@code task}. */
    public static byte[] encode(ChildTask task) throws IOException {
        Shipment shipment = Shipment.forChild(task);
        if (shipment instanceof Shipment.InParts parts) {
            return tagged(PARTS, parts.bytes());
        }
        return tagged(JAVA, ((Shipment.Serialized) shipment).bytes());
    }

    private static byte[] tagged(byte form, byte[] bytes) {
        return ByteBuffer.allocate(1 + bytes.length).put(form).put(bytes).array();
    }

    /** Rebuilds the task of a TASK body, in the child. */
    public static ChildTask decode(byte[] body) throws IOException, ClassNotFoundException {
        if (body.length > 0 && body[0] == JAVA) {
            return (ChildTask) Shipment.Serialized.read(body, 1, body.length - 1);
        }
        if (body.length == 0 || body[0] != PARTS) {
            throw new StreamCorruptedException("not a task message");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(body, 1, body.length - 1);
            Object task = Shipment.InParts.read(in, ChildTask.class);
            if (in.hasRemaining()) {
                throw new StreamCorruptedException("trailing bytes after a task's parts");
            }
            return (ChildTask) task;
        } catch (BufferUnderflowException | ClassCastException e) {
            throw new StreamCorruptedException("malformed task message: " + e);
        }
    }
}
