package io.github.mp4j.kernel.execution;

/**
 * What a cell evaluated to: the live object of its last expression ({@code value}, possibly null)
 * and its static type as JShell names it, or {@link #NONE} when the cell ends in a declaration or
 * statement and shows nothing.
 */
public record CellResult(boolean hasValue, Object value, String typeName) {

    /** The result of a cell that has no value to show. */
    public static final CellResult NONE = new CellResult(false, null, null);

    /** A value to show. */
    public static CellResult of(Object value, String typeName) {
        return new CellResult(true, value, typeName);
    }
}
