package io.github.mp4j.spawn;

import java.io.Serializable;

/**
 * What a child JVM runs once it has its task: the whole life of the child, from the first line of
 * user code to the exit status. A {@code Process} ships one that runs the user's task; a pool ships
 * one that loops over work items.
 */
public interface ChildTask extends Serializable {

    /** Runs in the child and returns the status the child JVM exits with. */
    int run();
}
