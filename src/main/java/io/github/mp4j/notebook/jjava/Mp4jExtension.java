package io.github.mp4j.notebook.jjava;

import io.github.mp4j.notebook.NotebookSide;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * mp4j as a JJava extension: JJava finds it through {@code META-INF/services} in mp4j's jar when
 * the jar reaches the kernel ({@code %classpath}, {@code %maven}, {@code JJAVA_CLASSPATH} or the
 * kernel's class path) and calls {@link #install}, which installs mp4j's {@link NotebookSide}
 * (magics, renderers, class shipping, imports); {@link #uninstall}, called when the kernel shuts
 * down, ends the pools, managers, clusters and child JVMs the notebook started.
 *
 * <pre>{@code
 * %classpath /path/to/mp4j-0.1.0-SNAPSHOT.jar
 * }</pre>
 */
public final class Mp4jExtension implements Extension {

    private volatile NotebookSide side;

    @Override
    public void install(BaseKernel kernel) {
        side = NotebookSide.install(new JJavaHost(kernel));
    }

    @Override
    public void uninstall(BaseKernel kernel) {
        NotebookSide installed = side;
        if (installed != null) {
            installed.uninstall();
        }
    }
}
