package io.github.mp4j.kernel.magics;

/** One piece of a parsed cell, run in order by the kernel. */
public sealed interface CellPart {

    /**
     * Java code for JShell. {@code code} is padded with line breaks so that its line numbers are
     * the cell's own.
     */
    record Code(String code) implements CellPart {}

    /** A line of its own that is a magic: {@code %name args}. {@code line} is 1-based. */
    record LineMagic(String name, String args, int line) implements CellPart {}

    /** A cell whose first line is {@code %%name args}; {@code body} is every line after it. */
    record CellMagic(String name, String args, String body) implements CellPart {}
}
