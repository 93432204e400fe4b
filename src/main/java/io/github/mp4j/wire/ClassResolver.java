package io.github.mp4j.wire;

/**
 * How this JVM's messages find their classes. {@link ObjectCodec} takes the one the layer above
 * provides as a service ({@link #provided()}): {@code shipping/}'s, which fetches classes from the
 * parent, resolves JShell's and remembers the loaders of classes that left this JVM. That one entry
 * in {@code META-INF/services} is the whole link, so {@code wire/} knows nothing of the layer and no
 * class of it has to remember to install anything before its first message.
 */
public interface ClassResolver {

    /**
     * The class named {@code binaryName}, not initialized, as this JVM's messages mean it.
     *
     * @throws ClassNotFoundException when this resolver does not know it; the stream then asks the
     *         platform's loader (primitives, the JDK's classes)
     */
    Class<?> resolve(String binaryName) throws ClassNotFoundException;

    /** Hears every class whose descriptor a stream this JVM writes names. */
    void sending(Class<?> type);

    /**
     * The resolver named in {@code META-INF/services/io.github.mp4j.wire.ClassResolver} of the jar
     * that holds this interface, or {@link #CONTEXT_LOADER} when there is none (a build of
     * {@code wire/} alone).
     */
    static ClassResolver provided() {
        return java.util.ServiceLoader.load(ClassResolver.class, ClassResolver.class.getClassLoader())
                .findFirst().orElse(CONTEXT_LOADER);
    }

    /** The calling thread's context loader, remembering nothing. */
    ClassResolver CONTEXT_LOADER = new ClassResolver() {
        @Override
        public Class<?> resolve(String binaryName) throws ClassNotFoundException {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return Class.forName(binaryName, false, context != null ? context : ClassLoader.getSystemClassLoader());
        }

        @Override
        public void sending(Class<?> type) {
            // nothing to remember
        }
    };
}
