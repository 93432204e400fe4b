package io.github.mp4j;

/**
 * Sets a system property for the code inside a try block, then puts the old value back. Tests run
 * one at a time in their JVM, so no other test sees it.
 *
 * <pre>{@code
 * try (TemporaryProperty options = TemporaryProperty.set("mp4j.worker.jvmOptions", "-Xmx64m")) {
 *     ... children started here get the option
 * }
 * }</pre>
 */
public final class TemporaryProperty implements AutoCloseable {

    private final String key;
    private final String saved;

    private TemporaryProperty(String key) {
        this.key = key;
        this.saved = System.getProperty(key);
    }

    /** Sets {@code key} to {@code value} (null clears it) until {@link #close()}. */
    public static TemporaryProperty set(String key, String value) {
        TemporaryProperty property = new TemporaryProperty(key);
        put(key, value);
        return property;
    }

    @Override
    public void close() {
        put(key, saved);
    }

    private static void put(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
