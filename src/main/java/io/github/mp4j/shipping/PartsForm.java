package io.github.mp4j.shipping;

import io.github.mp4j.wire.ObjectCodec;
import io.github.mp4j.wire.Parts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.StreamCorruptedException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.ByteBuffer;

/**
 * An object made of {@link Parts} as bytes that need no Java serialization to read: the form of
 * {@link Shipment.InParts}.
 *
 * <pre>
 * object  class:compact  n:int  part*
 * part    VALUE  compact                ({@link ObjectCodec#writeCompact})
 *         NESTED object                 a part that is itself made of parts (at most 8 deep)
 *         LAMBDA lambda                 a {@link Shipment.CompactLambda}: its shape's nine strings
 *                                       and its captured values, made again as a run-once task
 * </pre>
 *
 * <p>Why: the first Java deserialization in a JVM costs about as much CPU as the JVM's own boot
 * (~0.1 s here). {@code ObjectInputFilter.Config} sets up a system logger, which looks for a
 * logging service in every jar of the class path, and the stream classes, reflection and method
 * handles it needs all run interpreted. A {@code Process} whose task is a lambda over numbers and
 * strings (the common case, and that of 100 processes started at once), and a pool's worker, are
 * rebuilt from their parts without any of that, as {@code SerializedLambda.readResolve} itself
 * would rebuild a lambda.
 */
final class PartsForm {

    private static final byte VALUE = 1;
    private static final byte NESTED = 2;
    private static final byte LAMBDA = 3;
    private static final int MAX_DEPTH = 8;

    private PartsForm() {}

    /** {@code made} in this form, or null when some part has to travel by Java serialization. */
    static byte[] write(Parts made) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return writeObject(out, made, 0) ? out.toByteArray() : null;
    }

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

    /**
     * The object that {@link #write} wrote, which must be an {@code expected}.
     *
     * @throws java.nio.BufferUnderflowException when the bytes end early
     */
    static Object read(ByteBuffer in, Class<?> expected, int depth) throws IOException, ClassNotFoundException {
        if (depth >= MAX_DEPTH) {
            throw new StreamCorruptedException("parts nested too deep");
        }
        String type = (String) ObjectCodec.readCompact(in);
        Object[] parts = new Object[count(in)];
        for (int i = 0; i < parts.length; i++) {
            byte kind = in.get();
            parts[i] = switch (kind) {
                case VALUE -> ObjectCodec.readCompact(in);
                case NESTED -> read(in, Object.class, depth + 1);
                case LAMBDA -> LambdaShape.readRunOnce(in);
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
        Class<?> c = Class.forName(type, false, PartsForm.class.getClassLoader());
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
