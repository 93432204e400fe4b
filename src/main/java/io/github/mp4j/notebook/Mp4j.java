package io.github.mp4j.notebook;

import io.github.mp4j.kernel.runtime.Magics;
import io.github.mp4j.notebook.ijava.IJavaSetup;

/**
 * Loads mp4j into the notebook kernel this JVM runs, from a cell: the one line IJava needs.
 *
 * <pre>{@code
 * %jars /path/to/mp4j-0.1.0-SNAPSHOT.jar
 * io.github.mp4j.notebook.Mp4j.install();
 * }</pre>
 *
 * <p>In JJava the jar installs itself when {@code %classpath} adds it (a JJava extension), and
 * mp4j's own kernel has everything built in: there this call does nothing.
 */
public final class Mp4j {

    private Mp4j() {}

    /**
     * Installs mp4j's magics, renderers, class shipping and imports into the running IJava kernel
     * (see {@link NotebookSide}); does nothing if mp4j is installed already. Call it from a cell.
     *
     * @throws UnsupportedHostException if no supported kernel runs in this JVM, or this is not
     *                                  called from cell code
     */
    public static void install() {
        if (NotebookSide.installed() != null || Magics.attached()) {
            return;
        }
        IJavaSetup.install(callingCell());
    }

    /** The loader of the cell class that called {@link #install()}: it defines every snippet class. */
    private static ClassLoader callingCell() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(c -> c.getName().startsWith("REPL."))
                        .findFirst())
                .map(Class::getClassLoader)
                .orElseThrow(() -> new UnsupportedHostException(
                        "Mp4j.install() installs mp4j into a notebook: call it from a cell", null));
    }
}
