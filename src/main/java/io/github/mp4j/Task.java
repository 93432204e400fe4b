package io.github.mp4j;

import java.io.Serializable;

/**
 * The code a {@link Process} runs in its child JVM: a serializable {@code Runnable} that may throw,
 * so that a lambda calling methods with checked exceptions needs no try/catch.
 *
 * <pre>{@code
 * new Process(() -> work(dict, lock)).start();
 * }</pre>
 *
 * The lambda and everything it captures are serialized into the child; captured pipe ends, locks
 * and queues arrive there as the child's own copies of the same OS objects.
 */
@FunctionalInterface
public interface Task extends Serializable {

    /** Runs in the child. An exception ends the child with exit code 1 and a stack trace on stderr. */
    void run() throws Exception;
}
