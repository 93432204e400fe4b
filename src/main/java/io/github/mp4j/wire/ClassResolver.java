package io.github.mp4j.wire;

/**
 * How this JVM's messages find their classes, handed to {@link ObjectCodec} by the layer that
 * knows (see {@link ObjectCodec#resolveClassesWith}): {@code shipping/ClassShipping} installs the
 * one that fetches classes from the parent, resolves JShell's and remembers the loaders of classes
 * that left this JVM. Until one is installed, classes resolve through the calling thread's context
 * loader and nothing is remembered.
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

    /** The resolver in place until another is installed: the calling thread's context loader. */
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
