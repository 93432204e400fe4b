package io.github.mp4j;

/**
 * Sets {@code mp4j.worker.jvmOptions} for the child JVMs started inside a try block, then puts the
 * old value back. Tests run one at a time in their JVM, so no other test's children see it.
 */
final class WorkerJvmOptions implements AutoCloseable {

    private static final String KEY = "mp4j.worker.jvmOptions";
    private final String saved = System.getProperty(KEY);

    WorkerJvmOptions(String options) {
        System.setProperty(KEY, options);
    }

    @Override
    public void close() {
        if (saved == null) {
            System.clearProperty(KEY);
        } else {
            System.setProperty(KEY, saved);
        }
    }
}
