package io.github.mp4j;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A {@link ConcurrentMap} that lives in a {@link Manager}'s process; every method is a call to it.
 * Python's {@code DictProxy}, from {@code manager.dict()}.
 *
 * <pre>{@code
 * DictProxy<String, Integer> d = manager.dict();
 * d.put("count", 100);
 * // atomic inside the manager: exact from any number of processes, without a lock
 * d.compute("count", (k, v) -> v - 1);
 * d.merge("hits", 1, Integer::sum);
 * }</pre>
 *
 * <p>Single calls are atomic; a sequence of calls is not: {@code d.put(k, d.get(k) - 1)} is two
 * calls, and concurrent clients lose updates between them, exactly as Python's {@code d[k] -= 1}
 * does. Hold a manager lock around the sequence, or use {@link #compute}, {@link #merge} or
 * {@link #update}, whose function runs inside the manager under the map's lock.
 *
 * <p>Keys and values are copied into the manager by serialization; {@code get} returns a copy, so
 * changing a returned object changes nothing shared (store it again, or share a proxy instead: a
 * proxy stored as a value stays connected to its object). {@code keySet()}, {@code values()} and
 * {@code entrySet()} are unmodifiable snapshots, like Python's {@code list(d.keys())}.
 * {@code toString()} shows the contents, as Python's {@code print(d)} does.
 *
 * <p>The proxy is serializable: capture it in a {@link Process} task and the child talks to the same
 * manager. A serializable function given to {@code compute}, {@code computeIfAbsent},
 * {@code computeIfPresent} or {@code merge} travels into the manager and runs there once, in one
 * call; with the variable declared as {@code DictProxy}, a lambda picks the serializable overloads
 * below by itself. Any other function (a lambda given to a variable declared as {@code Map} or
 * {@code ConcurrentMap}) runs in the caller, as {@link ConcurrentMap}'s default methods run it:
 * read the value, apply the function, then {@code replace(key, old, new)}, {@code putIfAbsent} or
 * {@code remove(key, old)}, each one atomic call, again from the read when another client changed
 * the value in between. So code written for a {@code Map} loses no update either, but its function
 * may run more than once, a null value counts as absent (as in any {@code ConcurrentMap}), and old
 * values are compared with {@code equals} in the manager. Failures: see {@link Manager}.
 */
public interface DictProxy<K, V> extends ConcurrentMap<K, V>, Serializable {

    /** A serializable {@link BiFunction}, so that a lambda can travel into the manager. */
    @FunctionalInterface
    interface Remapping<T, U, R> extends BiFunction<T, U, R>, Serializable {
    }

    /** A serializable {@link Function}, so that a lambda can travel into the manager. */
    @FunctionalInterface
    interface Mapping<T, R> extends Function<T, R>, Serializable {
    }

    /** {@link Map#compute}, run atomically inside the manager. */
    V compute(K key, Remapping<? super K, ? super V, ? extends V> remappingFunction);

    /** {@link Map#computeIfPresent}, run atomically inside the manager. */
    V computeIfPresent(K key, Remapping<? super K, ? super V, ? extends V> remappingFunction);

    /** {@link Map#computeIfAbsent}, run atomically inside the manager. */
    V computeIfAbsent(K key, Mapping<? super K, ? extends V> mappingFunction);

    /** {@link Map#merge}, run atomically inside the manager. */
    V merge(K key, V value, Remapping<? super V, ? super V, ? extends V> remappingFunction);

    /**
     * Replaces the value of {@code key} (null when absent) by {@code fn} of it, atomically inside the
     * manager, and returns the new value. Unlike {@code compute}, a null result is stored as null.
     */
    V update(K key, Update<V> fn);

    /** A copy of the whole map in one call, in insertion order. */
    Map<K, V> copy();
}
