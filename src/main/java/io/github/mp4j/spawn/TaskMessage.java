package io.github.mp4j.spawn;

import io.github.mp4j.handles.Transfer;
import io.github.mp4j.shipping.Shipment;
import io.github.mp4j.wire.ObjectCodec;
import io.github.mp4j.wire.Parts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.StreamCorruptedException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The body of a child's TASK message: the {@link ChildTask} it runs, framed in the form
 * {@link Shipment} chose for it.
 *
 * <pre>
 * JAVA    serialized ChildTask          {@link Shipment#forChild} (handles may travel; with a static
 *                                       state source, its snapshot)
 * PARTS   object                        a ChildTask that is made of {@link Parts}, all of them
 *                                       travelling without Java serialization
 * object  class:compact  n:int  part*
 * part    VALUE  compact                ({@link ObjectCodec#writeCompact})
 *         NESTED object                 a part that is itself made of parts (at most 8 deep)
 *         LAMBDA lambda                 {@link Shipment#compactLambda}: its shape's nine strings and
 *                                       its captured values ({@link Shipment.CompactLambda#readRunOnce}
 *                                       reads it)
 * </pre>
 *
 * <p>Why two forms: the first Java deserialization in a JVM costs about as much CPU as the JVM's own
 * boot (~0.1 s here). {@code ObjectInputFilter.Config} sets up a system logger, which looks for a
 * logging service in every jar of the class path, and the stream classes, reflection and method
 * handles it needs all run interpreted. A {@code Process} whose task is a lambda over numbers and
 * strings (the common case, and that of 100 processes started at once), and a pool's worker, are
 * rebuilt from their parts without any of that, as {@code SerializedLambda.readResolve} itself
 * would rebuild a lambda. A task that captures any other object travels by Java serialization.
 */
public final class TaskMessage {

    private static final byte JAVA = 1;
    private static final byte PARTS = 2;
    private static final byte VALUE = 1;
    private static final byte NESTED = 2;
    private static final byte LAMBDA = 3;
    private static final int MAX_DEPTH = 8;

    private TaskMessage() {}

    /** The TASK body for {@code task}: its parts when they all travel so, else Java serialization. */
    public static byte[] encode(ChildTask task) throws IOException {
        // With a static state source (the kernel) a lambda has no compact form (Shipment.compactLambda),
        // so a task that holds one is serialized, carrying the cells' snapshot.
        if (task instanceof Parts made) {
            byte[] parts = Transfer.whileStartingChild(() -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(PARTS);
                return writeObject(out, made, 0) ? out.toByteArray() : null;
            });
            if (parts != null) {
                return parts;
            }
        }
        byte[] java = Shipment.forChild(task).bytes();
        return ByteBuffer.allocate(1 + java.length).put(JAVA).put(java).array();
    }

    /** Writes {@code made}; false when some part has to travel by Java serialization. */
    private static boolean writeObject(ByteArrayOutputStream out, Parts made, int depth) throws IOException {
        Object[] parts = made.parts();
        if (depth >= MAX_DEPTH) {
            return false;
        }
        out.write(ObjectCodec.compact(made.getClass().getName()));
        writeInt(out, parts.length);
        for (Object part : parts) {
            byte[] compact = ObjectCodec.compact(part);
            if (compact != null) {
                out.write(VALUE);
                out.write(compact);
                continue;
            }
            if (part instanceof Parts nested) {
                out.write(NESTED);
                if (!writeObject(out, nested, depth + 1)) {
                    return false;
                }
                continue;
            }
            Shipment.CompactLambda lambda = Shipment.compactLambda(part);
            if (lambda == null) {
                return false;
            }
            out.write(LAMBDA);
            out.write(lambda.bytes());
        }
        return true;
    }

    private static void writeInt(ByteArrayOutputStream out, int n) {
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
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
            Object task = readObject(in, ChildTask.class, 0);
            if (in.hasRemaining()) {
                throw new StreamCorruptedException("trailing bytes after a task's parts");
            }
            return (ChildTask) task;
        } catch (BufferUnderflowException | ClassCastException e) {
            throw new StreamCorruptedException("malformed task message: " + e);
        }
    }

    private static Object readObject(ByteBuffer in, Class<?> expected, int depth)
            throws IOException, ClassNotFoundException {
        if (depth >= MAX_DEPTH) {
            throw new StreamCorruptedException("parts nested too deep");
        }
        String type = (String) ObjectCodec.readCompact(in);
        Object[] parts = new Object[count(in)];
        for (int i = 0; i < parts.length; i++) {
            byte kind = in.get();
            parts[i] = switch (kind) {
                case VALUE -> ObjectCodec.readCompact(in);
                case NESTED -> readObject(in, Object.class, depth + 1);
                case LAMBDA -> Shipment.CompactLambda.readRunOnce(in);
                default -> throw new StreamCorruptedException("bad task part " + kind);
            };
        }
        return rebuild(type, parts, expected);
    }

    /** A count that cannot exceed what is left, so a corrupt one fails here instead of allocating. */
    private static int count(ByteBuffer in) throws StreamCorruptedException {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new StreamCorruptedException("bad count " + n);
        }
        return n;
    }

    /** The object of class {@code type}, a {@link Parts} and an {@code expected}, made of {@code parts}. */
    static Object rebuild(String type, Object[] parts, Class<?> expected) throws IOException, ClassNotFoundException {
        Class<?> c = Class.forName(type, false, TaskMessage.class.getClassLoader());
        ObjectCodec.checkClass(c);
        if (!expected.isAssignableFrom(c) || !Parts.class.isAssignableFrom(c)) {
            throw new InvalidClassException(type, "not a " + expected.getSimpleName() + " made of parts");
        }
        try {
            Constructor<?> constructor = c.getDeclaredConstructor(Object[].class);
            constructor.setAccessible(true);
            return constructor.newInstance((Object) parts);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException | RuntimeException e) {
            throw (InvalidObjectException) new InvalidObjectException("cannot rebuild " + type + ": " + e).initCause(e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io; // e.g. a pipe end whose holder has gone
            }
            throw (InvalidObjectException) new InvalidObjectException("cannot rebuild " + type + ": " + cause)
                    .initCause(cause);
        }
    }
}
