package io.github.mp4j;

import java.io.Serializable;

/**
 * A function applied to each item by {@link Pool#map}, {@link Pool#imap} and their variants: a
 * serializable {@link java.util.function.Function} that may throw.
 *
 * <pre>{@code
 * List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
 * }</pre>
 *
 * @param <A> the item type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableFunction<A, R> extends Serializable {

    /** Runs in a worker for one item. */
    R apply(A item) throws Exception;
}
