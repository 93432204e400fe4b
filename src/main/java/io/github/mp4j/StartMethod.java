package io.github.mp4j;

/**
 * How {@link Process#start()} obtains a child JVM, like Python's start methods.
 */
public enum StartMethod {

    /** A fresh JVM for every process (Python's {@code spawn}). */
    SPAWN,

    /**
     * A JVM that was started ahead of time and waits, connected, for its task (the role of Python's
     * {@code forkserver}). A replacement is started in the background for each one taken. While it
     * waits, a warm JVM rehearses a task's deserialization and start until they are compiled, and a
     * start takes a JVM that has finished first. The number kept idle follows the rate of starts:
     * at least the system property {@code mp4j.warm.idle} (default 2), at most
     * {@code mp4j.warm.maxIdle} (default twice the CPUs).
     */
    WARM
}
