package io.github.mp4j.notebook.jjava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.ThreadPool;
import io.github.mp4j.notebook.HtmlView;
import io.github.mp4j.notebook.PoolViews;
import io.github.mp4j.notebook.UnsupportedHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.junit.jupiter.api.Test;

/**
 * The JJava adapter against JJava's real published classes ({@code jjava-jupyter}): its registry,
 * renderer and display stream. The kernel module is not published, so the kernel here is a small
 * {@link BaseKernel} whose cell loader is laid out as JJava 1.0's ({@link JJavaShapedDelegate}).
 */
class JJavaHostTest {

    /** JJava 1.0's layout: a delegate keeps {@code declaredClasses}; its inner loader defines them. */
    static final class JJavaShapedDelegate {
        final Map<String, byte[]> declaredClasses = new ConcurrentHashMap<>();
        final Loader loader = new Loader();

        final class Loader extends ClassLoader {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = declaredClasses.get(name); // uses the enclosing instance, as JJava's does
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        }
    }

    /** A kernel built from JJava's parts; {@code cells} null: one that keeps no cell classes. */
    static final class Kernel extends BaseKernel {
        private final JJavaShapedDelegate cells;

        Kernel(JJavaShapedDelegate cells) {
            super("test", "1.0", new LanguageInfo.Builder("Java").build(), List.of(), null,
                    new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(),
                    new MagicParser("(?<=(?:^|=))\\s*%", "%%", new MagicTranspiler()), new MagicsRegistry(),
                    false, new StringStyler("", "", "", i -> ""));
            this.cells = cells;
        }

        @Override
        protected ClassLoader getClassLoader() {
            return cells == null ? super.getClassLoader() : cells.loader;
        }

        @Override
        public Object evalRaw(String source) {
            throw new UnsupportedOperationException("no JShell here");
        }

        @Override
        public DisplayData inspect(String code, int at, boolean extraDetail) {
            return null;
        }

        @Override
        public ReplacementOptions complete(String code, int at) {
            return null;
        }

        @Override
        public String isComplete(String code) {
            return IS_COMPLETE_MAYBE;
        }
    }

    private final JJavaShapedDelegate cells = new JJavaShapedDelegate();
    private final Kernel kernel = new Kernel(cells);

    @Test
    void cellClassBytesAreReadWhereJJavaKeepsThem() {
        JJavaHost host = new JJavaHost(kernel);
        byte[] bytes = {(byte) 0xCA, (byte) 0xFE};
        cells.declaredClasses.put("REPL.$JShell$12$P", bytes);
        assertArrayEquals(bytes, host.cellClassBytes("REPL.$JShell$12$P"), "read live, as JShell adds classes");
        assertNull(host.cellClassBytes("REPL.$JShell$13"));
        assertSame(cells.loader, host.cellLoader());
    }

    @Test
    void aJJavaThatKeepsThemElsewhereIsRefusedWithTheReason() {
        UnsupportedHostException e = assertThrows(UnsupportedHostException.class, () -> new JJavaHost(new Kernel(null)));
        assertTrue(e.getMessage().contains("declaredClasses"), e.getMessage());
    }

    @Test
    void magicsGoIntoJJavasRegistryWithTheirArgumentsJoined() throws Exception {
        JJavaHost host = new JJavaHost(kernel);
        kernel.getMagicsRegistry().registerLineMagic("time", (k, args) -> "JJava's own");
        assertTrue(host.hasMagic(false, "time"));
        assertFalse(host.hasMagic(true, "time"));
        host.addLineMagic("echo", args -> "[" + args + "]");
        host.addCellMagic("cell", (args, body) -> args + "|" + body);
        assertEquals("[-n 3 Math.sqrt(2.0)]",
                kernel.getMagicsRegistry().evalLineMagic(kernel, "echo", List.of("-n", "3", "Math.sqrt(2.0)")));
        assertEquals("-n 2|body", kernel.getMagicsRegistry().evalCellMagic(kernel, "cell", List.of("-n", "2"), "body"));
    }

    @Test
    void aPoolRendersAsItsLiveTableUnderTheDisplayIdItsUpdatesUse() {
        JJavaHost host = new JJavaHost(kernel);
        PoolViews views = new PoolViews((id, state) -> {});
        host.register(HtmlView.livePool(views));
        try (ThreadPool pool = new ThreadPool(1)) {
            DisplayData data = kernel.getRenderer().render(pool);
            assertNotNull(data.getDisplayId());
            assertTrue(String.valueOf(data.getData(MIMEType.TEXT_HTML)).contains("mp4j-pool"), data.toString());
            assertTrue(views.follows(pool));
        } finally {
            views.close();
        }
    }

    @Test
    void jjavaFindsTheExtensionThroughItsServiceFile() {
        List<Class<?>> found = java.util.ServiceLoader.load(org.dflib.jjava.jupyter.Extension.class).stream()
                .map(java.util.ServiceLoader.Provider::type).collect(java.util.stream.Collectors.toList());
        assertEquals(List.of(Mp4jExtension.class), found);
    }

    @Test
    void noCellRunsOutsideAnExecuteRequest() {
        assertFalse(new JJavaHost(kernel).cellRunning());
    }
}
