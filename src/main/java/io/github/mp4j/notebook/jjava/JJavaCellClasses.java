package io.github.mp4j.notebook.jjava;

import io.github.mp4j.notebook.UnsupportedHostException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * JJava's cell classes, reached by reflection: the one place mp4j depends on JJava's internals.
 *
 * <p>Why reflection: JJava's loader for cell classes does not serve their bytes as resources (the
 * JDK's own JShell loader does), and its kernel module ({@code jjava-kernel}) is not published, so
 * mp4j cannot compile against the class that keeps them. The path, as of JJava ef30da8:
 * {@code BaseKernel.getClassLoader()} (protected, in the published {@code jjava-jupyter}) returns
 * the kernel's {@code JJavaLoaderDelegate.JJavaClassLoader}, an inner class whose enclosing
 * {@code JJavaLoaderDelegate} keeps every snippet class's bytes in its field
 * {@code declaredClasses} ({@code Map<String, byte[]>}, by binary name) from the moment JShell
 * loads the class. If a later JJava moves them, {@link #of} fails with an
 * {@link UnsupportedHostException} that says so, instead of workers failing later.
 */
final class JJavaCellClasses {

    private final ClassLoader loader;
    private final Map<?, ?> bytecodes;

    private JJavaCellClasses(ClassLoader loader, Map<?, ?> bytecodes) {
        this.loader = loader;
        this.bytecodes = bytecodes;
    }

    /**
     * The cell classes of {@code kernel}.
     *
     * @throws UnsupportedHostException if this JJava keeps them elsewhere
     */
    static JJavaCellClasses of(BaseKernel kernel) {
        try {
            Method getClassLoader = BaseKernel.class.getDeclaredMethod("getClassLoader");
            getClassLoader.setAccessible(true);
            ClassLoader loader = (ClassLoader) getClassLoader.invoke(kernel);
            Object delegate = field(loader, "this$0");
            Object bytecodes = field(delegate, "declaredClasses");
            if (!(bytecodes instanceof Map<?, ?> map)) {
                throw new NoSuchFieldException("declaredClasses is a " + bytecodes.getClass().getName() + ", not a Map");
            }
            return new JJavaCellClasses(loader, map);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new UnsupportedHostException("mp4j cannot find the bytes of JJava's cell classes in "
                    + kernel.getClass().getName() + " " + kernel.getVersion()
                    + " (it reads JJavaLoaderDelegate.declaredClasses, as JJava 1.0 keeps them): " + e, e);
        }
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        Field f = owner.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(owner);
    }

    /** The loader that defines cell classes (and holds the jars added with {@code %classpath}). */
    ClassLoader loader() {
        return loader;
    }

    /** The class file of cell class {@code binaryName}, or null. */
    byte[] find(String binaryName) {
        return bytecodes.get(binaryName) instanceof byte[] b ? b : null;
    }
}
