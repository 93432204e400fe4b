package io.github.mp4j.kernel.runtime;

import java.util.UUID;

/**
 * Shows objects in the notebook from cell code: the static methods that the kernel imports into
 * every session ({@code import static io.github.mp4j.kernel.runtime.Display.*}).
 *
 * <pre>{@code
 * String id = display("starting...");     // a new output under the running cell
 * // ... work ...
 * updateDisplay(id, "done");                // replaces that output in place
 * }</pre>
 *
 * <p>Each method delegates to the running kernel. Outputs sent from a background thread land in
 * the cell that is running when they are sent; those sent while no cell runs are held and shown
 * when the next cell starts. Every method throws {@link IllegalStateException} when no
 * kernel runs in this JVM (plain {@code java} or a child JVM).
 */
public final class Display {

    /** What the kernel provides; set while a kernel runs in this JVM. */
    public interface Target {
        /** Shows {@code value} as a new output carrying display id {@code id}. */
        void display(Object value, String id);

        /** Replaces every output carrying display id {@code id} with {@code value}. */
        void update(String id, Object value);

        /** Clears the running cell's outputs, at once or ({@code wait}) when the next output arrives. */
        void clearOutput(boolean wait);
    }

    private static volatile Target target;

    private Display() {}

    /** Connects the runtime API to a kernel ({@code null} disconnects it). Called by the kernel. */
    public static void attach(Target kernel) {
        target = kernel;
    }

    /**
     * Shows {@code value} under the running cell, rendered as the cell's last expression would be,
     * and returns a fresh display id for {@link #updateDisplay}.
     *
     * @throws IllegalStateException if no kernel runs in this JVM
     */
    public static String display(Object value) {
        return display(value, UUID.randomUUID().toString());
    }

    /**
     * Shows {@code value} as an output with display id {@code id} and returns {@code id}. Several
     * outputs may share an id; an update replaces all of them.
     *
     * @throws IllegalStateException if no kernel runs in this JVM
     */
    public static String display(Object value, String id) {
        kernel().display(value, id);
        return id;
    }

    /**
     * Replaces the outputs shown with display id {@code id}, in this or an earlier cell.
     *
     * @throws IllegalStateException if no kernel runs in this JVM
     */
    public static void updateDisplay(String id, Object value) {
        kernel().update(id, value);
    }

    /**
     * Clears the outputs of the running cell; with {@code wait}, only when the next output arrives
     * (which avoids flicker in a loop that redraws).
     *
     * @throws IllegalStateException if no kernel runs in this JVM
     */
    public static void clearOutput(boolean wait) {
        kernel().clearOutput(wait);
    }

    private static Target kernel() {
        Target t = target;
        if (t == null) {
            throw new IllegalStateException(
                    "no mp4j kernel runs in this JVM: display() and updateDisplay() work in notebook cells only");
        }
        return t;
    }
}
