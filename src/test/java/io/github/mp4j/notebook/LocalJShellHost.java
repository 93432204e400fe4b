package io.github.mp4j.notebook;

import io.github.mp4j.kernel.magics.CellMagic;
import io.github.mp4j.kernel.magics.LineMagic;
import io.github.mp4j.shipping.ClassShipping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * A host kernel for tests, shaped like IJava: the JDK's own in-process JShell engine ("local"),
 * whose loader serves snippet class files as resources, and no hooks for cells or magic values.
 * What mp4j asks of it (shows, updates, renderers, magics) is recorded.
 */
final class LocalJShellHost implements NotebookHost, AutoCloseable {

    /** A snippet did not compile. */
    static final class DoesNotCompile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DoesNotCompile(String source) {
            super("does not compile: " + source);
        }
    }

    final JShell shell = JShell.builder().executionEngine("local").build();
    final ClassLoader loader;
    final List<Object> shown = new ArrayList<>();
    final List<String> updatedIds = new ArrayList<>();
    final Map<Class<?>, HtmlView<?>> views = new ConcurrentHashMap<>();
    final Map<String, LineMagic> lineMagics = new ConcurrentHashMap<>();
    final Map<String, CellMagic> cellMagics = new ConcurrentHashMap<>();
    final Set<String> ownLineMagics;
    volatile boolean cellRunning = true;

    /** @param ownLineMagics line magics the host has before mp4j arrives */
    LocalJShellHost(Set<String> ownLineMagics) throws Exception {
        this.ownLineMagics = ownLineMagics;
        shell.addToClasspath(System.getProperty("java.class.path"));
        run(CellSink.class.getName() + ".value = new Object() {}.getClass().getClassLoader();");
        loader = (ClassLoader) CellSink.value;
    }

    @Override
    public ClassLoader cellLoader() {
        return loader;
    }

    @Override
    public byte[] cellClassBytes(String binaryName) {
        return ClassShipping.classFile(loader, binaryName);
    }

    /** Runs each snippet; returns the last one's value as JShell's local engine gives it (a string). */
    @Override
    public Object run(String code) {
        SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(code);
        Object value = null;
        while (info.completeness().isComplete()) {
            for (SnippetEvent e : shell.eval(info.source())) {
                if (e.causeSnippet() != null) {
                    continue;
                }
                if (e.status() == Snippet.Status.REJECTED) {
                    throw new DoesNotCompile(info.source());
                }
                if (e.exception() != null) {
                    throw new IllegalStateException(e.exception());
                }
                value = e.value();
            }
            info = shell.sourceCodeAnalysis().analyzeCompletion(info.remaining());
        }
        return value;
    }

    @Override
    public boolean isCompilationFailure(Throwable failure) {
        return failure instanceof DoesNotCompile;
    }

    @Override
    public <T> void register(HtmlView<T> view) {
        views.put(view.type(), view);
    }

    /** Shows {@code value} rendered as a host does: through the view registered for its class. */
    @Override
    public synchronized void show(Object value) {
        render(value);
        shown.add(value);
    }

    @Override
    public synchronized void update(String id, Object value) {
        render(value);
        updatedIds.add(id);
    }

    /** The value's HTML, through its registered view (whose display id is taken first), or null. */
    String render(Object value) {
        for (Class<?> c = value.getClass(); c != null; c = c.getSuperclass()) {
            HtmlView<?> view = views.get(c);
            if (view != null) {
                return html(view, value);
            }
        }
        return null;
    }

    private static <T> String html(HtmlView<T> view, Object value) {
        T typed = view.type().cast(value);
        view.displayId().apply(typed);
        return view.html().apply(typed);
    }

    @Override
    public boolean cellRunning() {
        return cellRunning;
    }

    @Override
    public boolean showsMagicValues() {
        return false;
    }

    @Override
    public boolean hasMagic(boolean cell, String name) {
        return !cell && ownLineMagics.contains(name);
    }

    @Override
    public void addLineMagic(String name, LineMagic magic) {
        lineMagics.put(name, magic);
    }

    @Override
    public void addCellMagic(String name, CellMagic magic) {
        cellMagics.put(name, magic);
    }

    @Override
    public void close() {
        shell.close();
    }
}
