package io.github.mp4j.handles;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;

/**
 * The inheritance rule for OS handles (pipe ends, locks, queues): they may be serialized only into
 * the task handed to a starting child. The child opens its own copies while it reads the task and,
 * when the task carries any, acknowledges before {@code start()} returns, so the parent's copies are
 * still open while the child reopens them.
 * Anywhere else (a pipe message, a file) a handle refuses to serialize, as Python's do. How a task
 * itself travels is decided in {@code shipping/Shipment}.
 */
public final class Transfer {

    /** While a child's task is written: how many handles have described themselves so far; else null. */
    private static final ThreadLocal<int[]> HANDLES = new ThreadLocal<>();

    private Transfer() {}

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
