package io.github.mp4j.notebook;

import io.github.mp4j.kernel.magics.CellMagic;
import io.github.mp4j.kernel.magics.LineMagic;

/**
 * What a Jupyter kernel that runs JShell in its own JVM lends mp4j: the seam one small adapter
 * per host implements ({@code notebook.jjava}, {@code notebook.ijava}) and {@link NotebookSide}
 * uses. Every method is called on the thread of the cell that installs mp4j or runs a magic,
 * except {@link #update} and {@link #cellRunning}, which the live pool tables call from a timer.
 */
public interface NotebookHost {

    /** The loader that defines the host's snippet classes and sees the jars added to cells. */
    ClassLoader cellLoader();

    /**
     * The class file of the snippet class {@code binaryName} (package {@code REPL}), or null when
     * the host has none by that name.
     */
    byte[] cellClassBytes(String binaryName);

    /**
     * Runs {@code code} as the host runs a cell (its magics included) and returns the value of its
     * last expression, or null.
     *
     * @throws Exception whatever the code throws, or the host's compilation error
     */
    Object run(String code) throws Exception;

    /** Whether {@code failure}, thrown by {@link #run}, says the code does not compile. */
    boolean isCompilationFailure(Throwable failure);

    /** Registers {@code view} with the host's renderer, for values of its type and subtypes. */
    <T> void register(HtmlView<T> view);

    /** Shows {@code value} as a new output of the running cell, rendered by the host. */
    void show(Object value);

    /** Replaces every output that carries display id {@code id} with {@code value}, rendered. */
    void update(String id, Object value);

    /** Whether a cell runs now, so that output sent now reaches the frontend. */
    boolean cellRunning();

    /**
     * Whether the value of a magic that stands as a cell's last line becomes the cell's shown value
     * (JJava); when not (IJava), mp4j shows what its magics return itself.
     */
    boolean showsMagicValues();

    /** Whether the host already has a line (or, with {@code cell}, cell) magic {@code name}. */
    boolean hasMagic(boolean cell, String name);

    /** Adds line magic {@code name}; the magic gets its arguments as one string. */
    void addLineMagic(String name, LineMagic magic);

    /** Adds cell magic {@code name}; the magic gets its arguments as one string. */
    void addCellMagic(String name, CellMagic magic);
}
