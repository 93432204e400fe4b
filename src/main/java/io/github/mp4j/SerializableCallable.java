package io.github.mp4j;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A task that returns a value, for {@link Pool#apply}, {@link Pool#applyAsync} and
 * {@link ProcessPoolExecutor#submit(SerializableCallable)}: a serializable {@link Callable}, so a
 * lambda travels to a worker JVM with what it captures. Being a {@code Callable}, it is also what
 * an {@link java.util.concurrent.ExecutorService}'s {@code invokeAll} takes, and a lambda passed to
 * {@code ProcessPoolExecutor.submit} becomes one (the more specific overload).
 *
 * <pre>{@code
 * int n = 12;
 * int square = pool.apply(() -> n * n);
 * }</pre>
 *
 * @param <T> the result type; results travel back by serialization, so it should be serializable
 */
@FunctionalInterface
public interface SerializableCallable<T> extends Callable<T>, Serializable {

    /** Runs in a worker. An exception reaches the caller with its type and message intact. */
    @Override
    T call() throws Exception;
}
