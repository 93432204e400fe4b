package io.github.mp4j.shipping;

import io.github.mp4j.wire.ClassResolver;
import io.github.mp4j.wire.ObjectCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The registry behind class shipping, on both sides of a parent–child pair.
 *
 * <p>Parent side: {@link #find} answers a child's request for class bytes, asking the registered
 * {@link ClassBytesSource}s in order, then the class files visible to {@link #loader()}, then those
 * of the loaders that defined the classes this JVM has sent ({@link #sending}).
 * Child side (and the kernel): {@link #loader()} is the loader every deserializing stream resolves
 * classes through first; a child sets it to its {@link ShippedClassLoader}, the kernel to its JShell
 * loader. {@link #resolve} then asks the loaders of sent classes, so what comes back resolves too.
 * Streams reach this registry because it hands itself to {@code wire/ObjectCodec} as its
 * {@link ClassResolver} ({@link #install}); {@code wire/} does not know it otherwise.
 *
 * <p>The loaders of sent classes are what a program run by Java's source launcher
 * ({@code java Main.java}) needs: the launcher defines the program's classes in a loader of its
 * own, which serves their class files as resources but is neither the system loader nor, before
 * Java 22 or on a thread that did not inherit it (an executor's, say), the context loader.
 */
public final class ClassShipping {

    private static final List<ClassBytesSource> SOURCES = new CopyOnWriteArrayList<>();
    /**
     * The loaders of sent classes other than the system and platform loaders, held weakly so a
     * discarded loader (a plugin's, a test's) can still be collected; rarely more than one. Added
     * under the list's lock so that one loader is listed once.
     */
    private static final List<WeakReference<ClassLoader>> SENDERS = new CopyOnWriteArrayList<>();
    private static volatile ClassLoader loader;
    private static volatile StaticStateSource staticState;

    /** What {@link ObjectCodec} is handed: this registry's {@link #resolve} and {@link #sending}. */
    private static final ClassResolver RESOLVER = new ClassResolver() {
        @Override
        public Class<?> resolve(String binaryName) throws ClassNotFoundException {
            return ClassShipping.resolve(binaryName);
        }

        @Override
        public void sending(Class<?> type) {
            ClassShipping.sending(type);
        }
    };

    static {
        install();
    }

    private ClassShipping() {}

    /**
     * Hands this registry to {@code wire/}: every stream from now on resolves its classes through
     * {@link #resolve} and reports the classes it writes to {@link #sending}. Done as this class
     * initializes, which every task's path does first; a class that serializes values outside a
     * task (a pipe end, a queue, a manager's proxy) or runs work that came from elsewhere (a cluster
     * node's) calls it as it initializes too, so a program that only sends messages remembers the
     * loaders of what it sends as well. Idempotent.
     */
    public static void install() {
        ObjectCodec.resolveClassesWith(RESOLVER);
    }

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

    /**
     * Notes that an object or a lambda of {@code type} is leaving this JVM: from now on
     * {@link #find} and {@link #resolve} also ask the loader that defined it, so a child that asks
     * for the class's bytes and a message that brings its objects back find it whatever the context
     * loader of the thread at hand. Serialization calls this for each class a stream names; the
     * JDK's classes and those of the system class path, which every JVM of the family has, need
     * nothing.
     */
    public static void sending(Class<?> type) {
        ClassLoader definer = type.getClassLoader();
        if (definer == null || definer == ClassLoader.getSystemClassLoader()
                || definer == ClassLoader.getPlatformClassLoader() || isSender(definer)) {
            return;
        }
        synchronized (SENDERS) {
            if (!isSender(definer)) {
                SENDERS.removeIf(ref -> ref.get() == null);
                SENDERS.add(new WeakReference<>(definer));
            }
        }
    }

    private static boolean isSender(ClassLoader candidate) {
        for (WeakReference<ClassLoader> ref : SENDERS) {
            if (ref.get() == candidate) {
                return true;
            }
        }
        return false;
    }

    /**
     * The class named {@code binaryName} (not initialized) as this JVM's messages mean it: through
     * {@link #loader()}, else through the loaders of the classes this JVM has sent, in the order
     * they were first sent.
     *
     * @throws ClassNotFoundException when none of them knows it
     */
    public static Class<?> resolve(String binaryName) throws ClassNotFoundException {
        ClassLoader first = loader();
        try {
            return Class.forName(binaryName, false, first);
        } catch (ClassNotFoundException notInLoader) {
            for (WeakReference<ClassLoader> ref : SENDERS) {
                ClassLoader sender = ref.get();
                // not the first again: a child's loader would ask the parent a second time
                if (sender != null && sender != first) {
                    try {
                        return Class.forName(binaryName, false, sender);
                    } catch (ClassNotFoundException notThere) {
                        // the next sender may know it
                    }
                }
            }
            throw notInLoader;
        }
    }

    /**
     * The class file of {@code binaryName} as this JVM knows it, or null: from the registered
     * sources, else as a resource of {@link #loader()}, else of a loader of sent classes. Such a
     * loader may define classes on demand (the source launcher of Java 22+ compiles a program's
     * other files when their classes are first loaded) and serve their files only once defined, so
     * when it has no file for the class it is asked to load the class (not initialize it) first.
     */
    public static byte[] find(String binaryName) {
        for (ClassBytesSource source : SOURCES) {
            byte[] bytes = source.find(binaryName);
            if (bytes != null) {
                return bytes;
            }
        }
        byte[] bytes = classFile(loader(), binaryName);
        if (bytes != null) {
            return bytes;
        }
        for (WeakReference<ClassLoader> ref : SENDERS) {
            ClassLoader sender = ref.get();
            if (sender != null) {
                bytes = classFile(sender, binaryName);
                if (bytes == null) {
                    bytes = classFileOnceLoaded(sender, binaryName);
                }
                if (bytes != null) {
                    return bytes;
                }
            }
        }
        return null;
    }

    /** The class file {@code loader} serves for {@code binaryName} after loading that class; null if it cannot. */
    private static byte[] classFileOnceLoaded(ClassLoader loader, String binaryName) {
        try {
            Class.forName(binaryName, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        return classFile(loader, binaryName);
    }

    /** The class file {@code loader} serves as a resource for class {@code binaryName}, or null. */
    public static byte[] classFile(ClassLoader loader, String binaryName) {
        try (InputStream in = loader.getResourceAsStream(binaryName.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
