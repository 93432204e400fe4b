package io.github.mp4j;

import java.io.Serializable;
import java.util.NoSuchElementException;

/**
 * Named values that live in a {@link Manager}'s process. Python's {@code manager.Namespace()},
 * whose attributes become {@code get}/{@code set} calls.
 *
 * <pre>{@code
 * Namespace ns = manager.namespace();
 * ns.set("x", 10);                           // ns.x = 10
 * new Process(() -> ns.set("y", (Integer) ns.get("x") + 1)).start();
 * System.out.println(ns);                    // Namespace(x=10, y=11) once the child ran
 * }</pre>
 *
 * Values are copied in and out by serialization, as with {@link DictProxy}. {@code toString()}
 * lists the values sorted by name and, as Python's {@code repr} does, leaves out names that start
 * with {@code _}; unlike Python's proxy, which keeps such attributes in the proxy object itself,
 * they are stored in the manager and shared like any other. Failures: see {@link Manager}.
 */
public interface Namespace extends Serializable {

    /**
     * The value named {@code name}.
     *
     * @throws NoSuchElementException "'Namespace' object has no attribute 'name'"
     */
    <T> T get(String name);

    /** Sets (or replaces) the value named {@code name}. */
    void set(String name, Object value);

    /** Whether a value named {@code name} exists. */
    boolean has(String name);

    /**
     * Removes the value named {@code name}.
     *
     * @throws NoSuchElementException if there is none
     */
    void delete(String name);

    /**
     * Replaces the value named {@code name} (null when absent) by {@code fn} of it, atomically inside
     * the manager, and returns the new value.
     */
    <T> T update(String name, Update<T> fn);
}
