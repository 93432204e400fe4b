package io.github.mp4j.notebook.jjava;

import io.github.mp4j.kernel.magics.CellMagic;
import io.github.mp4j.kernel.magics.LineMagic;
import io.github.mp4j.notebook.HtmlView;
import io.github.mp4j.notebook.NotebookHost;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * JJava as a {@link NotebookHost}, through the published {@code jjava-jupyter} API, and
 * {@link JJavaCellClasses} for the bytes of cell classes.
 *
 * <p>JJava turns {@code %name args} (at the start of a line or after {@code =}) into a call whose
 * value is the snippet's value, so a magic's value on a cell's last line is shown by JJava itself;
 * it splits the arguments at blanks and drops double quotes, and they are joined again with
 * single spaces here.
 */
final class JJavaHost implements NotebookHost {

    /** JJava's exception for a snippet that does not compile (in {@code jjava-kernel}). */
    private static final String COMPILATION_FAILURE = "org.dflib.jjava.kernel.execution.CompilationException";

    /** The transient key of a display id (Jupyter's {@code display_data} message). */
    private static final String DISPLAY_ID = "display_id";

    private final BaseKernel kernel;
    private final JJavaCellClasses cells;

    JJavaHost(BaseKernel kernel) {
        this.kernel = kernel;
        this.cells = JJavaCellClasses.of(kernel);
    }

    @Override
    public ClassLoader cellLoader() {
        return cells.loader();
    }

    @Override
    public byte[] cellClassBytes(String binaryName) {
        return cells.find(binaryName);
    }

    @Override
    public Object run(String code) {
        return kernel.evalRaw(code);
    }

    @Override
    public boolean isCompilationFailure(Throwable failure) {
        return failure.getClass().getName().equals(COMPILATION_FAILURE);
    }

    @Override
    public <T> void register(HtmlView<T> view) {
        kernel.getRenderer().createRegistration(view.type())
                .preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((value, context) -> {
                    String id = view.displayId().apply(value);
                    if (id != null) { // setDisplayId's return type differs between JJava versions
                        context.getOutputContainer().putTransientData(DISPLAY_ID, id);
                    }
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> view.text().apply(value));
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> view.html().apply(value));
                });
    }

    @Override
    public void show(Object value) {
        kernel.display(kernel.getRenderer().render(value));
    }

    @Override
    public void update(String id, Object value) {
        kernel.getIO().display.updateDisplay(id, kernel.getRenderer().render(value));
    }

    @Override
    public boolean cellRunning() {
        return kernel.getIO().display.isAttached();
    }

    @Override
    public boolean showsMagicValues() {
        return true;
    }

    @Override
    public boolean hasMagic(boolean cell, String name) {
        var registry = kernel.getMagicsRegistry();
        return (cell ? registry.getCellMagicNames() : registry.getLineMagicNames()).contains(name);
    }

    @Override
    public void addLineMagic(String name, LineMagic magic) {
        kernel.getMagicsRegistry().registerLineMagic(name,
                (org.dflib.jjava.jupyter.kernel.magic.LineMagic<Object, BaseKernel>) (k, args) ->
                        magic.run(String.join(" ", args)));
    }

    @Override
    public void addCellMagic(String name, CellMagic magic) {
        kernel.getMagicsRegistry().registerCellMagic(name,
                (org.dflib.jjava.jupyter.kernel.magic.CellMagic<Object, BaseKernel>) (k, args, body) ->
                        magic.run(String.join(" ", args), body));
    }
}
