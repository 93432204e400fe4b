package io.github.mp4j;

import java.io.Serializable;

/**
 * A task that returns a value, for {@link Pool#apply} and {@link Pool#applyAsync}: a serializable
 * {@link java.util.concurrent.Callable}, so a lambda travels to a worker JVM with what it captures.
 *
 * <pre>{@code
 * int n = 12;
 * int square = pool.apply(() -> n * n);
 * }</pre>
 *
 * @param <T> the result type; results travel back by serialization, so it should be serializable
 */
@FunctionalInterface
public interface SerializableCallable<T> extends Serializable {

    /** Runs in a worker. An exception reaches the caller with its type and message intact. */
    T call() throws Exception;
}
