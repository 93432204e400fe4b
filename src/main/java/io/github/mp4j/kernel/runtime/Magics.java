package io.github.mp4j.kernel.runtime;

/**
 * Runs a line magic from cell code: what {@code var pool = %pool 4} compiles to. The kernel
 * rewrites such a line into a call of {@link #line(String, String)}, cast to the type the magic
 * declares.
 *
 * <p>Throws {@link IllegalStateException} when no kernel runs in this JVM.
 */
public final class Magics {

    /** What the kernel provides; set while a kernel runs in this JVM. */
    public interface Target {
        /** Runs line magic {@code name} with argument text {@code args} and returns its value. */
        Object line(String name, String args) throws Exception;
    }

    private static volatile Target target;

    private Magics() {}

    /** Connects the runtime API to a kernel ({@code null} disconnects it). Called by the kernel. */
    public static void attach(Target kernel) {
        target = kernel;
    }

    /** Whether mp4j's own kernel runs in this JVM (its magics are then reachable from cell code). */
    public static boolean attached() {
        return target != null;
    }

    /**
     * Runs line magic {@code name} with {@code args} and returns its value (null for magics that
     * have none).
     *
     * @throws IllegalStateException if no kernel runs in this JVM, or no such magic exists
     * @throws Exception             whatever the magic throws
     */
    public static Object line(String name, String args) throws Exception {
        Target t = target;
        if (t == null) {
            throw new IllegalStateException("no mp4j kernel runs in this JVM: %" + name + " works in notebook cells only");
        }
        return t.line(name, args);
    }
}
