package io.github.mp4j.notebook.ijava;

import io.github.mp4j.kernel.BasekernelViews;
import io.github.mp4j.kernel.magics.CellMagic;
import io.github.mp4j.kernel.magics.LineMagic;
import io.github.mp4j.notebook.HtmlView;
import io.github.mp4j.notebook.NotebookHost;
import io.github.mp4j.shipping.ClassShipping;
import java.util.Set;

/**
 * IJava 1.3.0 as a {@link NotebookHost}: basekernel's renderer, display stream and magic registry,
 * and {@link IJavaKernel} for the rest.
 *
 * <p>IJava runs cells with the JDK's own JShell loader, which serves a snippet class's bytes as a
 * resource ({@code jshell:} URLs), so the cell classes need no reflection. IJava turns
 * {@code %name args} into {@code lineMagic(..);{};}, so no magic's value is ever a cell's value:
 * mp4j shows its magics' values itself. basekernel's registry cannot list its magics, so the names
 * IJava 1.3.0 registers are listed here.
 */
final class IJavaHost implements NotebookHost {

    /** IJava's exception for a snippet that does not compile. */
    private static final String COMPILATION_FAILURE = "io.github.spencerpark.ijava.execution.CompilationException";
    /** IJava 1.3.0's line magics (ClasspathMagics, MavenResolver); it has one cell magic. */
    private static final Set<String> LINE_MAGICS = Set.of(
            "jars", "classpath", "addMavenDependency", "addMavenDependencies", "maven", "mavenRepo", "loadFromPOM");
    private static final Set<String> CELL_MAGICS = Set.of("loadFromPOM");

    private final IJavaKernel ijava;
    private final ClassLoader cells;

    /** @param cells the loader of the calling cell's class, which defines every snippet class */
    IJavaHost(IJavaKernel ijava, ClassLoader cells) {
        this.ijava = ijava;
        this.cells = cells;
    }

    @Override
    public ClassLoader cellLoader() {
        return cells;
    }

    @Override
    public byte[] cellClassBytes(String binaryName) {
        return ClassShipping.classFile(cells, binaryName);
    }

    @Override
    public Object run(String code) throws Exception {
        return ijava.evalRaw(code);
    }

    @Override
    public boolean isCompilationFailure(Throwable failure) {
        return failure.getClass().getName().equals(COMPILATION_FAILURE);
    }

    @Override
    public <T> void register(HtmlView<T> view) {
        BasekernelViews.register(ijava.kernel().getRenderer(), view);
    }

    @Override
    public void show(Object value) {
        ijava.kernel().display(ijava.kernel().getRenderer().render(value));
    }

    @Override
    public void update(String id, Object value) {
        ijava.kernel().getIO().display.updateDisplay(id, ijava.kernel().getRenderer().render(value));
    }

    @Override
    public boolean cellRunning() {
        return ijava.kernel().getIO().display.isAttached();
    }

    @Override
    public boolean showsMagicValues() {
        return false;
    }

    @Override
    public boolean hasMagic(boolean cell, String name) {
        return (cell ? CELL_MAGICS : LINE_MAGICS).contains(name);
    }

    @Override
    public void addLineMagic(String name, LineMagic magic) {
        ijava.magics().registerLineMagic(name, args -> magic.run(String.join(" ", args)));
    }

    @Override
    public void addCellMagic(String name, CellMagic magic) {
        ijava.magics().registerCellMagic(name, (args, body) -> magic.run(String.join(" ", args), body));
    }
}
