package io.github.mp4j.spawn;

import io.github.mp4j.handles.Transfer;
import io.github.mp4j.shipping.ClassShipping;
import io.github.mp4j.shipping.LambdaShape;
import io.github.mp4j.wire.ObjectCodec;

import java.io.IOException;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.StreamCorruptedException;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The body of a child's TASK message: the {@link ChildTask} it runs.
 *
 * <pre>
 * JAVA   serialized ChildTask            (handles may travel; with a static state source, its snapshot)
 * PARTS  class:compact  n:int  part*     a {@link ChildTask.Parts} whose parts all have a compact form
 * part   VALUE  compact                  ({@link ObjectCodec#writeCompact})
 *        LAMBDA k:int compact*           the nine strings of a {@link LambdaShape} key, then the
 *                                        lambda's captured values
 * </pre>
 *
 * <p>Why two forms: the first Java deserialization in a JVM costs about as much CPU as the JVM's own
 * boot (~0.1 s here). {@code ObjectInputFilter.Config} sets up a system logger, which looks for a
 * logging service in every jar of the class path, and the stream classes, reflection and method
 * handles it needs all run interpreted. A {@code Process} whose task is a lambda over numbers and
 * strings (the common case, and that of 100 processes started at once) is rebuilt from its parts
 * without any of that, as {@code SerializedLambda.readResolve} itself would rebuild it. A task that
 * captures a pipe end, a lock or any other object travels by Java serialization as before.
 */
public final class TaskMessage {

    private static final byte JAVA = 1;
    private static final byte PARTS = 2;
    private static final byte VALUE = 1;
    private static final byte LAMBDA = 2;

    private TaskMessage() {}

    /** The TASK body for {@code task}: its parts when they all have a compact form, else Java serialization. */
    public static byte[] encode(ChildTask task) throws IOException {
        // With a static state source (the kernel), the serialized form carries the cells' snapshot.
        byte[] parts = task instanceof ChildTask.Parts p && ClassShipping.staticStateSource() == null
                ? encodeParts(task.getClass().getName(), p.parts()) : null;
        if (parts != null) {
            return parts;
        }
        byte[] java = Transfer.serializeForChild(task);
        return ByteBuffer.allocate(1 + java.length).put(JAVA).put(java).array();
    }

    private static byte[] encodeParts(String type, Object[] parts) {
        Object[][] lambdas = new Object[parts.length][];
        int size = 1 + ObjectCodec.compactSize(type) + 4;
        for (int i = 0; i < parts.length; i++) {
            int one = ObjectCodec.compactSize(parts[i]);
            if (one >= 0) {
                size += 1 + one;
                continue;
            }
            SerializedLambda lambda = LambdaShape.describe(parts[i]);
            if (lambda == null) {
                return null;
            }
            List<Object> values = new ArrayList<>(LambdaShape.key(lambda));
            values.addAll(Arrays.asList(LambdaShape.capturedArgs(lambda)));
            size += 1 + 4;
            for (Object v : values) {
                int n = ObjectCodec.compactSize(v);
                if (n < 0) {
                    return null;
                }
                size += n;
            }
            lambdas[i] = values.toArray();
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(PARTS);
        ObjectCodec.writeCompact(out, type);
        out.putInt(parts.length);
        for (int i = 0; i < parts.length; i++) {
            if (lambdas[i] == null) {
                ObjectCodec.writeCompact(out.put(VALUE), parts[i]);
            } else {
                out.put(LAMBDA).putInt(lambdas[i].length);
                for (Object v : lambdas[i]) {
                    ObjectCodec.writeCompact(out, v);
                }
            }
        }
        return out.array();
    }

    /** Rebuilds the task of a TASK body, in the child. */
    static ChildTask decode(byte[] body) throws IOException, ClassNotFoundException {
        if (body.length > 0 && body[0] == JAVA) {
            return (ChildTask) ObjectCodec.deserialize(body, 1, body.length - 1);
        }
        if (body.length == 0 || body[0] != PARTS) {
            throw new StreamCorruptedException("not a task message");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(body, 1, body.length - 1);
            String type = (String) ObjectCodec.readCompact(in);
            Object[] parts = new Object[count(in)];
            for (int i = 0; i < parts.length; i++) {
                byte kind = in.get();
                if (kind == VALUE) {
                    parts[i] = ObjectCodec.readCompact(in);
                } else if (kind == LAMBDA) {
                    parts[i] = readLambda(in);
                } else {
                    throw new StreamCorruptedException("bad task part " + kind);
                }
            }
            if (in.hasRemaining()) {
                throw new StreamCorruptedException("trailing bytes after a task's parts");
            }
            return rebuild(type, parts);
        } catch (BufferUnderflowException | ClassCastException e) {
            throw new StreamCorruptedException("malformed task message: " + e);
        }
    }

    private static Object readLambda(ByteBuffer in) throws IOException, ClassNotFoundException {
        Object[] values = new Object[count(in)];
        if (values.length < 9) {
            throw new StreamCorruptedException("a lambda part needs its nine shape strings");
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = ObjectCodec.readCompact(in);
        }
        List<String> key = new ArrayList<>(9);
        for (int i = 0; i < 9; i++) {
            key.add((String) values[i]);
        }
        return LambdaShape.of(key).instantiate(Arrays.copyOfRange(values, 9, values.length));
    }

    /** A count that cannot exceed what is left, so a corrupt one fails here instead of allocating. */
    private static int count(ByteBuffer in) throws StreamCorruptedException {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new StreamCorruptedException("bad count " + n);
        }
        return n;
    }

    /** The task of class {@code type} made of {@code parts}, as the child rebuilds it. */
    static ChildTask rebuild(String type, Object[] parts) throws IOException, ClassNotFoundException {
        Class<?> c = Class.forName(type, false, TaskMessage.class.getClassLoader());
        if (!ChildTask.class.isAssignableFrom(c) || !ChildTask.Parts.class.isAssignableFrom(c)) {
            throw new InvalidClassException(type, "not a ChildTask made of parts");
        }
        try {
            Constructor<?> constructor = c.getDeclaredConstructor(Object[].class);
            constructor.setAccessible(true);
            return (ChildTask) constructor.newInstance((Object) parts);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException | RuntimeException e) {
            throw (InvalidObjectException) new InvalidObjectException("cannot rebuild " + type + ": " + e).initCause(e);
        } catch (InvocationTargetException e) {
            throw (InvalidObjectException) new InvalidObjectException("cannot rebuild " + type + ": " + e.getCause())
                    .initCause(e.getCause());
        }
    }
}
