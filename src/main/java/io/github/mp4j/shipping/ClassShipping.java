package io.github.mp4j.shipping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The registry behind class shipping, on both sides of a parent–child pair.
 *
 * <p>Parent side: {@link #find} answers a child's request for class bytes, asking the registered
 * {@link ClassBytesSource}s in order and then the class files visible to {@link #loader()}.
 * Child side (and the kernel): {@link #loader()} is the loader every deserializing stream resolves
 * classes through; a child sets it to its {@link ShippedClassLoader}, the kernel to its JShell loader.
 */
public final class ClassShipping {

    private static final List<ClassBytesSource> SOURCES = new CopyOnWriteArrayList<>();
    private static volatile ClassLoader loader;
    private static volatile StaticStateSource staticState;

    private ClassShipping() {}

    /** Adds a source that the parent consults before the class path. */
    public static void register(ClassBytesSource source) {
        SOURCES.add(0, source);
    }

    public static void unregister(ClassBytesSource source) {
        SOURCES.remove(source);
    }

    /**
     * Makes {@code source} the one that supplies static field values for children started from now
     * on (see {@link StaticStateSource}); null removes it, which is the default.
     */
    public static void setStaticStateSource(StaticStateSource source) {
        staticState = source;
    }

    /** The registered {@link StaticStateSource}, or null. */
    public static StaticStateSource staticStateSource() {
        return staticState;
    }

    /**
     * Makes {@code classLoader} the loader through which messages, tasks and results resolve their
     * classes in this JVM; null restores the default (the calling thread's context loader).
     */
    public static void setLoader(ClassLoader classLoader) {
        loader = classLoader;
    }

    /** The loader used to resolve classes of deserialized objects in this JVM. */
    public static ClassLoader loader() {
        ClassLoader explicit = loader;
        if (explicit != null) {
            return explicit;
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ClassLoader.getSystemClassLoader();
    }

    /** The class file of {@code binaryName} as this JVM knows it, or null. */
    public static byte[] find(String binaryName) {
        for (ClassBytesSource source : SOURCES) {
            byte[] bytes = source.find(binaryName);
            if (bytes != null) {
                return bytes;
            }
        }
        try (InputStream in = loader().getResourceAsStream(binaryName.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
