package io.github.mp4j;

import java.io.Serializable;

/**
 * A function of two arguments for {@link Pool#starmap}: Python's {@code starmap} unpacks each item
 * into arguments; here each item is a {@code Map.Entry} whose key and value are the two arguments.
 *
 * <pre>{@code
 * List<Integer> sums = pool.starmap((a, b) -> a + b, List.of(Map.entry(1, 2), Map.entry(3, 4)));
 * }</pre>
 *
 * @param <A> the first argument's type
 * @param <B> the second argument's type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableBiFunction<A, B, R> extends Serializable {

    /** Runs in a worker for one pair. */
    R apply(A first, B second) throws Exception;
}
