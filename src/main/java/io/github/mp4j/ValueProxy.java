package io.github.mp4j;

import java.io.Serializable;

/**
 * One value that lives in a {@link Manager}'s process. Python's {@code manager.Value(typecode, v)}
 * ({@code ValueProxy}), without the type code: any serializable value.
 *
 * <pre>{@code
 * ValueProxy<Integer> counter = manager.value(0);
 * counter.update(n -> n + 1);              // atomic inside the manager
 * counter.set(counter.get() + 1);          // two calls: not atomic, as in Python
 * }</pre>
 *
 * Failures: see {@link Manager}.
 */
public interface ValueProxy<T> extends Serializable {

    /** A copy of the current value. */
    T get();

    /** Replaces the value. */
    void set(T value);

    /** Replaces the value by {@code fn} of it, atomically inside the manager; returns the new value. */
    T update(Update<T> fn);
}
