package io.github.mp4j.kernel.execution;

/**
 * Thrown inside cell code when the user interrupts the cell; it unwinds the cell's threads. An
 * {@link Error} so that the usual {@code catch (Exception e)} in cell code does not swallow it, and
 * even a {@code catch (Throwable t)} only delays it to the next loop iteration.
 */
public final class CellInterrupted extends Error {
    private static final long serialVersionUID = 1L;

    public CellInterrupted() {
        super("cell interrupted", null, false, false);
    }
}
