package io.github.mp4j.kernel.magics;

/** A magic that takes a whole cell: first line {@code %%name args}, the rest is its body. */
@FunctionalInterface
public interface CellMagic {

    /**
     * Runs the magic on the kernel's shell thread.
     *
     * @return the cell's value to show, or null
     */
    Object run(String args, String body) throws Exception;
}
