package io.github.mp4j;

import java.io.Serializable;
import java.util.List;

/**
 * A {@link List} that lives in a {@link Manager}'s process; every method is a call to it. Python's
 * {@code ListProxy}, from {@code manager.list()}.
 *
 * <pre>{@code
 * ListProxy<String> log = manager.list();
 * new Process(() -> log.add("from " + Process.current().pid())).start();
 * log.update(0, s -> s.toUpperCase());       // atomic inside the manager
 * System.out.println(log);                   // [FROM 4242]
 * }</pre>
 *
 * <p>Each call is atomic, a sequence of calls is not (see {@link DictProxy}). Elements are copied in
 * and out by serialization. Iteration ({@code iterator()}, {@code forEach}, streams) works on a
 * snapshot taken in one call; {@code listIterator()} and {@code subList()} call the manager for
 * every element. Failures: see {@link Manager}.
 */
public interface ListProxy<E> extends List<E>, Serializable {

    /**
     * Replaces the element at {@code index} by {@code fn} of it, atomically inside the manager, and
     * returns the new element.
     *
     * @throws IndexOutOfBoundsException if there is no such element
     */
    E update(int index, Update<E> fn);

    /** A copy of the whole list in one call. */
    List<E> copy();
}
