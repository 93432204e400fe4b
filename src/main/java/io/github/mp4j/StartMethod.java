package io.github.mp4j;

/**
 * How {@link Process#start()} obtains a child JVM, like Python's start methods.
 */
public enum StartMethod {

    /** A fresh JVM for every process (Python's {@code spawn}). */
    SPAWN,

    /**
     * A JVM that was started ahead of time and waits, connected, for its task (the role of Python's
     * {@code forkserver}). A replacement is started in the background for each one taken. The
     * number kept idle is the system property {@code mp4j.warm.idle} (default 2).
     */
    WARM
}
