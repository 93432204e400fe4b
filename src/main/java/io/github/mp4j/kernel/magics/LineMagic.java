package io.github.mp4j.kernel.magics;

/** A magic used as {@code %name args}, on a line of its own or as {@code var x = %name args}. */
@FunctionalInterface
public interface LineMagic {

    /**
     * Runs the magic on the kernel's shell thread (or the cell thread, when assigned inline).
     *
     * @param args the text after the name, trimmed
     * @return the value to show (on a line of its own, when last in the cell) or to assign; may be null
     */
    Object run(String args) throws Exception;

    /** The Java type that {@code var x = %name args} gives {@code x}; must be visible to cells. */
    default String resultType() {
        return "Object";
    }
}
