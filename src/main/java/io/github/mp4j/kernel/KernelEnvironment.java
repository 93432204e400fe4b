package io.github.mp4j.kernel;

import java.util.Map;

/**
 * The {@code MP4J_*} environment variables the kernel reads at start (all optional):
 * <dl>
 *   <dt>{@code MP4J_CLASSPATH}</dt><dd>extra class path for cells, path-separator separated</dd>
 *   <dt>{@code MP4J_STARTUP_SCRIPT}</dt><dd>a {@code .jsh} file run (magics allowed) just before
 *       the first cell, so its output and errors show in that cell</dd>
 *   <dt>{@code MP4J_WORKER_JVM_OPTIONS}</dt><dd>options for worker JVMs, exported as system property
 *       {@code mp4j.worker.jvmOptions} for the library</dd>
 *   <dt>{@code MP4J_WORKER_JAVA}</dt><dd>the {@code java} executable for worker JVMs, exported as
 *       {@code mp4j.worker.java}</dd>
 * </dl>
 * A variable that is unset or blank counts as absent (null here).
 *
 * <p>The kernel also sets {@code mp4j.worker.inheritClasspath=false}: a worker's class path is then
 * mp4j's own jar alone ({@code mp4j.jar}, first on the installed kernel's class path), and the
 * kernel ships every other class the worker loads, as it ships cell classes and the jars of
 * {@code %classpath} and {@code %maven}. Any {@link java.io.ObjectInputStream} makes the JDK look
 * for a logger service in every jar of the class path, and reading the kernel jar's directory of
 * over 12,000 entries cost each worker 15–20 ms of CPU.
 */
record KernelEnvironment(String classpath, String startupScript, String workerJvmOptions, String workerJava) {

    static final String WORKER_JVM_OPTIONS_PROPERTY = "mp4j.worker.jvmOptions";
    static final String WORKER_JAVA_PROPERTY = "mp4j.worker.java";
    static final String WORKER_INHERITS_CLASSPATH_PROPERTY = "mp4j.worker.inheritClasspath";

    /** Reads the variables from {@code env} (normally {@link System#getenv()}). */
    static KernelEnvironment read(Map<String, String> env) {
        return new KernelEnvironment(value(env, "MP4J_CLASSPATH"), value(env, "MP4J_STARTUP_SCRIPT"),
                value(env, "MP4J_WORKER_JVM_OPTIONS"), value(env, "MP4J_WORKER_JAVA"));
    }

    /** Sets the worker system properties: the class path rule, and the variables that are present. */
    void exportWorkerProperties() {
        System.setProperty(WORKER_INHERITS_CLASSPATH_PROPERTY, "false");
        if (workerJvmOptions != null) {
            System.setProperty(WORKER_JVM_OPTIONS_PROPERTY, workerJvmOptions);
        }
        if (workerJava != null) {
            System.setProperty(WORKER_JAVA_PROPERTY, workerJava);
        }
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
