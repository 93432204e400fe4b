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

    /**
     * A task made of a few parts that may reach the child without Java serialization (see
     * {@link TaskMessage}): when every part is a simple value (null, a number, a boolean, a string,
     * bytes) or a serializable lambda that captured only such values, the child rebuilds the task by
     * passing the parts, in order, to its class's constructor that takes an {@code Object[]} (of any
     * access). Otherwise the task travels by Java serialization, as any other.
     */
    interface Parts {

        /** The parts, in the order the {@code Object[]} constructor expects them. */
        Object[] parts();
    }
}
