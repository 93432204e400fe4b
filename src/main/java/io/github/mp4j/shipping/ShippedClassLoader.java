package io.github.mp4j.shipping;

import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A child's class loader for classes its class path lacks: it asks the parent for their bytes.
 *
 * <p>Parent-first: everything on the child's class path (the JDK, mp4j, the user's jars) loads as
 * usual, and only what is missing is fetched. Fetched bytes are also served as resources
 * ({@code REPL/$JShell$3.class}), which engines that ship classes by resource (Ignite) rely on.
 */
public final class ShippedClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Function<String, byte[]> fetch;
    private final Map<String, byte[]> fetched = new ConcurrentHashMap<>();

    /** @param fetch asks the parent for a class file by binary name; null when it has none */
    public ShippedClassLoader(ClassLoader parent, Function<String, byte[]> fetch) {
        super("mp4j-shipped", parent);
        this.fetch = fetch;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = bytesOf(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name + " (neither on this worker's class path nor known to the parent process)");
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    @Override
    protected URL findResource(String name) {
        String className = ClassFileUrls.className(name);
        byte[] bytes = className == null ? null : bytesOf(className);
        return bytes == null ? null : ClassFileUrls.of("mp4j-shipped", name, bytes);
    }

    private byte[] bytesOf(String name) {
        byte[] known = fetched.get(name);
        if (known != null) {
            return known;
        }
        byte[] bytes = fetch.apply(name);
        if (bytes != null) {
            fetched.put(name, bytes);
        }
        return bytes;
    }
}
