package io.github.mp4j.handles;

import io.github.mp4j.shipping.ClassShipping;
import io.github.mp4j.shipping.StaticStateSource;
import io.github.mp4j.wire.ObjectCodec;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;

/**
 * The one place where OS handles (pipe ends, locks, queues) may be serialized: the task handed to a
 * starting child. The child opens its own copies while it reads the task and, when the task carries
 * any, acknowledges before {@code start()} returns, so the parent's copies are still open while the
 * child reopens them.
 * Anywhere else (a pipe message, a file) a handle refuses to serialize, as Python's do.
 */
public final class Transfer {

    /** While a child's task is written: how many handles have described themselves so far; else null. */
    private static final ThreadLocal<int[]> HANDLES = new ThreadLocal<>();

    private Transfer() {}

    /**
     * Serializes a task for a child that will acknowledge once its handles are open. When a
     * {@link StaticStateSource} is registered (the Jupyter kernel), the static field values it
     * supplies for the task's classes are taken now and set in the child before the task is read.
     */
    public static byte[] serializeForChild(Object task) throws IOException {
        return whileStartingChild(() -> serializeWithStaticState(task));
    }

    /** Something that writes a task for a child, in whatever form. */
    public interface TaskWriter {
        byte[] write() throws IOException;
    }

    /** Runs {@code writer} with handles allowed to describe themselves, as for a starting child's task. */
    public static byte[] whileStartingChild(TaskWriter writer) throws IOException {
        return countingHandles(writer).bytes();
    }

    /** A task written for a starting child, and whether it carries handles. */
    public record Written(byte[] bytes, boolean carriesHandles) {}

    /**
     * As {@link #whileStartingChild}, telling also whether a handle (a pipe end, a lock, a queue)
     * described itself meanwhile: only then must the child open its copies before this process may
     * close its own. Nested calls (a task written in parts, then by serialization) share one count.
     */
    public static Written countingHandles(TaskWriter writer) throws IOException {
        int[] outer = HANDLES.get();
        int[] count = outer != null ? outer : new int[1];
        int before = count[0];
        if (outer == null) {
            HANDLES.set(count);
        }
        try {
            byte[] bytes = writer.write();
            return new Written(bytes, count[0] > before);
        } finally {
            if (outer == null) {
                HANDLES.remove();
            }
        }
    }

    /**
     * Serializes a value for a process that is not a child being started (a task for a pool's
     * running worker, a function sent to a manager): with a registered {@link StaticStateSource},
     * the static field values of the classes it names are taken now and set in the receiving process
     * before the value is read, as for a task; handles refuse to travel, as everywhere but in the
     * task of a starting child.
     */
    public static byte[] serializeWithStaticState(Object value) throws IOException {
        StaticStateSource source = ClassShipping.staticStateSource();
        return source == null ? ObjectCodec.serialize(value) : StaticSnapshot.serialize(value, source, type -> { });
    }

    /**
     * As {@link #serializeWithStaticState(Object)}, always in Java serialization, telling
     * {@code named} every class the value's stream names (see {@link ObjectCodec#serialize(Object,
     * java.util.function.Consumer)}): what a receiver that fetches classes on demand must find.
     */
    public static byte[] serializeWithStaticState(Object value, java.util.function.Consumer<Class<?>> named)
            throws IOException {
        StaticStateSource source = ClassShipping.staticStateSource();
        return source == null ? ObjectCodec.serialize(value, named) : StaticSnapshot.serialize(value, source, named);
    }

    /**
     * The error a handle's {@code writeReplace} or {@code readResolve} throws when its OS object
     * cannot be described or reopened; serialization only lets them throw stream exceptions.
     */
    public static InvalidObjectException failure(String message, IOException cause) {
        InvalidObjectException failure = new InvalidObjectException(message);
        failure.initCause(cause);
        return failure;
    }

    /** Throws unless the calling thread is serializing a task for a child. */
    public static void checkInheritance(String what) throws NotSerializableException {
        int[] count = HANDLES.get();
        if (count == null) {
            throw new NotSerializableException(what + " objects should only be shared between processes"
                    + " through inheritance: capture them in the task of a Process (or Pool initializer)");
        }
        count[0]++;
    }
}
