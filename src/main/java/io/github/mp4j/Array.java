package io.github.mp4j;

import io.github.mp4j.handles.SharedMemory;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A fixed-length array of one primitive type in shared memory, guarded by a reentrant lock: every
 * process that holds it sees what any of them sets. Python's
 * {@code multiprocessing.Array(typecode, size_or_initializer)} with its default {@code lock=True};
 * {@link RawArray} is {@code lock=False}.
 *
 * <pre>{@code
 * Array<Double> squares = new Array<>(double.class, 4);        // Python: Array('d', 4)
 * Array<Integer> counts = new Array<>(int.class, List.of(0, 0)); // Python: Array('i', [0, 0])
 * Process p = new Process(() -> {
 *     for (int i = 0; i < squares.length(); i++) squares.set(i, (double) i * i);
 *     try (Held held = counts.getLock().hold()) {              // Python: with counts.get_lock():
 *         counts.set(0, counts.get(0) + 1);
 *     }
 * });
 * p.start();
 * p.join();
 * System.out.println(squares.toList());                        // [0.0, 1.0, 4.0, 9.0]
 * }</pre>
 *
 * <p>Each element access ({@link #get}, {@link #set}) and each {@link #toList()} takes the lock
 * for its own duration, as Python's synchronized array does for an item or a slice; guard a
 * read-then-write with {@link #getLock()}. An index outside {@code [0, length())} fails with
 * {@link IndexOutOfBoundsException} (Python's {@code IndexError}). Types, errors, waiting for the
 * lock, memory ordering, dead holders, travelling into children and {@link #close()} are as for
 * {@link Value}.
 *
 * @param <T> the boxed type of the elements: {@code Integer} for {@code int.class}
 */
public final class Array<T> implements Serializable, AutoCloseable {

    private static final long serialVersionUID = 1L;

    private final transient LockedElements locked;

    /**
     * An array of {@code length} zeros of {@code type} (Python: {@code Array('i', 10)}).
     *
     * @throws IllegalArgumentException if {@code type} is not a primitive type or its box, or
     *         {@code length} is negative or too large for one block
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public Array(Class<T> type, int length) {
        this(LockedElements.create(type, length, null, true, "array"));
    }

    /**
     * An array of {@code type} holding {@code initial}, in its iteration order (Python:
     * {@code Array('i', [1, 2, 3])}).
     *
     * @throws IllegalArgumentException if {@code type} is not a primitive type or its box
     * @throws NullPointerException if {@code initial} holds null
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public Array(Class<T> type, Collection<? extends T> initial) {
        this(LockedElements.create(type, 0, List.copyOf(initial), true, "array"));
    }

    /**
     * An array of {@code length} zeros of {@code type}, guarded by {@code lock} instead of a lock of
     * its own (Python: {@code Array('i', 10, lock=lock)}); see {@link Value#Value(Class, Object, Acquirer)}.
     *
     * @throws NullPointerException if {@code lock} is null (for no lock at all, use {@link RawArray})
     * @throws IllegalArgumentException if {@code type} is not a primitive type or its box, or
     *         {@code length} is negative or too large for one block
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public Array(Class<T> type, int length, Acquirer lock) {
        this(LockedElements.create(type, length, null, false, "array"), Objects.requireNonNull(lock, "lock"));
    }

    /**
     * An array of {@code type} holding {@code initial}, guarded by {@code lock} instead of a lock of
     * its own (Python: {@code Array('i', [1, 2], lock=lock)}); see {@link Value#Value(Class, Object, Acquirer)}.
     *
     * @throws NullPointerException if {@code lock} is null, or {@code initial} holds null
     * @throws IllegalArgumentException if {@code type} is not a primitive type or its box
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public Array(Class<T> type, Collection<? extends T> initial, Acquirer lock) {
        this(LockedElements.create(type, 0, List.copyOf(initial), false, "array"), Objects.requireNonNull(lock, "lock"));
    }

    Array(SharedMemory memory) {
        this.locked = new LockedElements(memory, "array");
    }

    Array(SharedMemory memory, Acquirer lock) {
        this.locked = new LockedElements(memory, lock, "array");
    }

    /** The number of elements, fixed at creation (Python's {@code len(a)}). */
    public int length() {
        return locked.elements().length();
    }

    /**
     * Element {@code index}, read under the lock (Python's {@code a[i]}).
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < length()}
     * @throws IllegalStateException "array is closed" after {@link #close()}
     */
    @SuppressWarnings("unchecked")
    public T get(int index) {
        return (T) locked.get(index);
    }

    /**
     * Sets element {@code index} under the lock (Python's {@code a[i] = v}).
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < length()}
     * @throws IllegalStateException "array is closed" after {@link #close()}
     */
    public void set(int index, T value) {
        locked.set(index, value);
    }

    /**
     * A snapshot of every element, taken under the lock: an unmodifiable list (Python's
     * {@code a[:]}).
     *
     * @throws IllegalStateException "array is closed" after {@link #close()}
     */
    @SuppressWarnings("unchecked")
    public List<T> toList() {
        return (List<T>) locked.toList();
    }

    /**
     * The reentrant lock that guards the array, shared with every process that holds it. Python's
     * {@code get_lock()}.
     *
     * @throws IllegalStateException "array is closed" after {@link #close()}
     */
    public Acquirer getLock() {
        return locked.lock();
    }

    /**
     * The same elements without the lock, as {@link Value#getObj()} gives for a value. Python's
     * {@code get_obj()}.
     *
     * @throws IllegalStateException "array is closed" after {@link #close()}
     */
    public RawArray<T> getObj() {
        locked.elements().ensureOpen();
        return new RawArray<>(locked.elements());
    }

    /** Frees what this array holds in this process at once; see {@link Value#close()}. */
    @Override
    public void close() {
        locked.close();
    }

    /**
     * {@code <Array(int, [1, 2, 3])>} (at most 20 elements), read without the lock;
     * {@code <Array(closed)>} once closed.
     */
    @Override
    public String toString() {
        return locked.elements().describe("Array", false);
    }

    private Object writeReplace() throws ObjectStreamException {
        return locked.travel(SharedRef.Kind.ARRAY, this);
    }
}
