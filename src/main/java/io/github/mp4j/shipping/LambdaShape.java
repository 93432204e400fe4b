package io.github.mp4j.shipping;

import io.github.mp4j.Task;
import io.github.mp4j.wire.ObjectCodec;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.StreamCorruptedException;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A serializable lambda split in two: its shape (the class that created it, the interface, the
 * method it calls), the same for every lambda made at one place in the code, and the values it
 * captured. A pool sends a worker each shape once; afterwards an {@code applyAsync(() -> f(i))}
 * costs the worker only its captured values, not a fresh Java serialization stream with the class
 * descriptor of {@link SerializedLambda}. A child JVM whose task is such a lambda starts without
 * initialising Java serialization at all (see {@code spawn/TaskMessage}). {@link Shipment} decides
 * when a lambda travels so; this class only takes lambdas apart and makes them again.
 *
 * <p>Both halves are what Java serialization itself would use: the parent takes the lambda's
 * {@link SerializedLambda} (its {@code writeReplace}), and the worker rebuilds it and asks the
 * creating class's {@code $deserializeLambda$}, as {@code SerializedLambda.readResolve} does. A
 * lambda whose class denies that reflective access (a named module) travels the ordinary way.
 */
public final class LambdaShape {

    private static final ClassValue<Method> WRITE_REPLACE = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            try {
                Method m = type.getDeclaredMethod("writeReplace");
                m.setAccessible(true);
                return m;
            } catch (NoSuchMethodException | RuntimeException e) {
                return null;
            }
        }
    };

    private static final String TASK = Task.class.getName().replace('.', '/');

    private final String capturingClass;
    private final List<String> names;
    private final int implMethodKind;
    /** Worker side: the creating class and its {@code $deserializeLambda$}, found on first use. */
    private Class<?> creator;
    private Method deserializer;

    private LambdaShape(String capturingClass, List<String> names, int implMethodKind) {
        this.capturingClass = capturingClass;
        this.names = names;
        this.implMethodKind = implMethodKind;
    }

    /**
     * The serialized form of {@code task} if it is a serializable lambda we may look into, else null.
     * Null too while a {@link StaticStateSource} is registered (the kernel): a lambda from a cell then
     * travels by Java serialization, whose stream carries the snapshot of the cells' variables.
     */
    static SerializedLambda describe(Object task) {
        Class<?> type = task.getClass();
        if (!type.isSynthetic() || !type.isHidden() || ClassShipping.staticStateSource() != null) {
            return null;
        }
        ClassShipping.sending(type); // defined by the loader of the lambda's capturing class
        Method writeReplace = WRITE_REPLACE.get(type);
        try {
            return writeReplace == null ? null
                    : writeReplace.invoke(task) instanceof SerializedLambda s ? s : null;
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    /** The key that identifies a shape, and its encoded form: the names and the method kind. */
    static List<String> key(SerializedLambda s) {
        return List.of(s.getCapturingClass().replace('/', '.'), s.getFunctionalInterfaceClass(),
                s.getFunctionalInterfaceMethodName(), s.getFunctionalInterfaceMethodSignature(),
                s.getImplClass(), s.getImplMethodName(), s.getImplMethodSignature(),
                s.getInstantiatedMethodType(), Integer.toString(s.getImplMethodKind()));
    }

    static Object[] capturedArgs(SerializedLambda s) {
        Object[] args = new Object[s.getCapturedArgCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = s.getCapturedArg(i);
        }
        return args;
    }

    /** A shape read from its key, in a worker. */
    static LambdaShape of(List<String> key) throws IOException {
        if (key.size() != 9) {
            throw new InvalidObjectException("not a lambda shape");
        }
        try {
            return new LambdaShape(key.get(0), key.subList(1, 8), Integer.parseInt(key.get(8)));
        } catch (NumberFormatException e) {
            throw new InvalidObjectException("not a lambda shape");
        }
    }

    /** Makes the lambda of this shape with the given captured values, as deserialization would. */
    public Object instantiate(Object[] capturedArgs) throws IOException, ClassNotFoundException {
        try {
            if (deserializer == null) {
                creator = ClassShipping.resolve(capturingClass);
                ObjectCodec.checkClass(creator); // before $deserializeLambda$ initializes it
                Method m = creator.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class);
                m.setAccessible(true);
                deserializer = m;
            }
            SerializedLambda s = new SerializedLambda(creator,
                    names.get(0), names.get(1), names.get(2), implMethodKind, names.get(3), names.get(4),
                    names.get(5), names.get(6), capturedArgs);
            return deserializer.invoke(null, s);
        } catch (NoSuchMethodException | IllegalAccessException | RuntimeException e) {
            InvalidObjectException failure = new InvalidObjectException("cannot rebuild a lambda of " + capturingClass + ": " + e);
            failure.initCause(e);
            throw failure;
        } catch (InvocationTargetException e) {
            InvalidObjectException failure = new InvalidObjectException("cannot rebuild a lambda of " + capturingClass
                    + ": " + e.getCause());
            failure.initCause(e.getCause());
            throw failure;
        }
    }

    /* ---------------- a lambda without Java serialization ---------------- */

    /**
     * {@code lambda} as the nine strings of its key, then its captured values, each in
     * {@link ObjectCodec#writeCompact}'s form after their count; null when it is not a lambda we may
     * look into or it captured a value that has no compact form. {@link #read} makes it again.
     */
    static byte[] toBytes(Object lambda) {
        SerializedLambda s = describe(lambda);
        if (s == null) {
            return null;
        }
        List<Object> values = new ArrayList<>(key(s));
        values.addAll(Arrays.asList(capturedArgs(s)));
        return compactList(values);
    }

    /** A key alone, in the same form, for a receiver that keeps shapes; {@link #readKey} reads it. */
    static byte[] keyBytes(List<String> key) {
        return compactList(key);
    }

    /** The shape whose key {@link #keyBytes} wrote. */
    static LambdaShape readKey(ByteBuffer in) throws IOException {
        Object[] values = readList(in);
        if (values.length != 9) {
            throw new StreamCorruptedException("not a lambda shape");
        }
        return of(strings(values));
    }

    /** The lambda that {@link #toBytes} wrote. */
    static Object read(ByteBuffer in) throws IOException, ClassNotFoundException {
        return read(in, false);
    }

    /**
     * The lambda that {@link #toBytes} wrote, for a caller that runs it once: a child JVM rebuilding
     * its task. A {@link Task} comes back as a {@link DirectTask}, which calls the lambda's method by
     * reflection; a {@code Task} it cannot call so, and any other lambda, as {@link #read} makes it.
     * A child that links no lambda at all never bootstraps {@code LambdaMetafactory}, which saves a
     * trivial child about 13 ms of the ~150 ms until its task runs and 0.02 s of CPU (Java 17). A pool's
     * worker, which calls its functions many times, uses {@link #read}: there the metafactory's
     * compiled class pays.
     */
    static Object readRunOnce(ByteBuffer in) throws IOException, ClassNotFoundException {
        return read(in, true);
    }

    private static Object read(ByteBuffer in, boolean runOnce) throws IOException, ClassNotFoundException {
        Object[] values = readList(in);
        if (values.length < 9) {
            throw new StreamCorruptedException("a lambda needs its nine shape strings");
        }
        LambdaShape shape = of(strings(Arrays.copyOf(values, 9)));
        Object[] captured = Arrays.copyOfRange(values, 9, values.length);
        Object direct = runOnce ? shape.directTask(captured) : null;
        return direct != null ? direct : shape.instantiate(captured);
    }

    /** A {@link DirectTask} for a {@link Task} of this shape, or null. */
    private Task directTask(Object[] capturedArgs) throws IOException, ClassNotFoundException {
        if (!names.get(0).equals(TASK)) {
            return null;
        }
        Class<?> owner = ClassShipping.resolve(names.get(3).replace('/', '.'));
        ObjectCodec.checkClass(owner);
        return DirectTask.of(owner, names.get(4), names.get(5), implMethodKind, capturedArgs);
    }

    private static byte[] compactList(List<?> values) {
        int size = 4;
        for (Object v : values) {
            int n = ObjectCodec.compactSize(v);
            if (n < 0) {
                return null;
            }
            size += n;
        }
        ByteBuffer out = ByteBuffer.allocate(size).putInt(values.size());
        for (Object v : values) {
            ObjectCodec.writeCompact(out, v);
        }
        return out.array();
    }

    private static Object[] readList(ByteBuffer in) throws IOException {
        try {
            int n = in.getInt();
            if (n < 0 || n > in.remaining()) {
                throw new StreamCorruptedException("bad count " + n);
            }
            Object[] values = new Object[n];
            for (int i = 0; i < n; i++) {
                values[i] = ObjectCodec.readCompact(in);
            }
            return values;
        } catch (BufferUnderflowException e) {
            throw new StreamCorruptedException("truncated lambda");
        }
    }

    private static List<String> strings(Object[] values) throws StreamCorruptedException {
        List<String> key = new ArrayList<>(values.length);
        for (Object v : values) {
            if (!(v instanceof String text)) {
                throw new StreamCorruptedException("a lambda shape holds strings only");
            }
            key.add(text);
        }
        return key;
    }
}
