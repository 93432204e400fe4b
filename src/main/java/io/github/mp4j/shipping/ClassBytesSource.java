package io.github.mp4j.shipping;

/**
 * Where the parent finds the bytecode of a class that a child asks for because the child's class
 * path does not have it: classes defined in a JShell cell, generated at run time, or loaded from a
 * jar that only the parent knows.
 */
@FunctionalInterface
public interface ClassBytesSource {

    /**
     * Returns the class file for a binary class name ({@code REPL.$JShell$12$Point}), or null when
     * this source does not know the class.
     */
    byte[] find(String binaryName);
}
