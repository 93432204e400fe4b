package io.github.mp4j;

import io.github.mp4j.handles.SharedMemory;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;

/**
 * A fixed-length array of one primitive type in shared memory, without a lock: {@link Array}
 * minus {@code getLock()}. Python's {@code multiprocessing.RawArray(typecode, size_or_initializer)}
 * (and {@code Array(..., lock=False)}).
 *
 * <pre>{@code
 * RawArray<Long> partial = new RawArray<>(long.class, 4);   // one slot per worker: no lock needed
 * List<Process> workers = new ArrayList<>();
 * for (int w = 0; w < 4; w++) {
 *     int slot = w;
 *     Process p = new Process(() -> partial.set(slot, sumOfPart(slot)));
 *     p.start();
 *     workers.add(p);
 * }
 * for (Process p : workers) p.join();
 * long total = partial.toList().stream().mapToLong(Long::longValue).sum();
 * }</pre>
 *
 * <p>Each element access is one volatile access, atomic on its own; {@link #toList()} reads the
 * elements one by one, so it may mix states while other processes write. Indexes, types, errors,
 * travelling into children and {@link #close()} are as for {@link Array}.
 *
 * @param <T> the boxed type of the elements: {@code Integer} for {@code int.class}
 */
public final class RawArray<T> implements Serializable, AutoCloseable {

    private static final long serialVersionUID = 1L;

    private final transient SharedElements elements;

    /**
     * An array of {@code length} zeros of {@code type}.
     *
     * @throws IllegalArgumentException if {@code type} is not a primitive type or its box, or
     *         {@code length} is negative or too large for one block
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public RawArray(Class<T> type, int length) {
        this(SharedElements.create(type, length, null, 0, "array"), 0);
    }

    /**
     * An array of {@code type} holding {@code initial}, in its iteration order.
     *
     * @throws IllegalArgumentException if {@code type} is not a primitive type or its box
     * @throws NullPointerException if {@code initial} holds null
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public RawArray(Class<T> type, Collection<? extends T> initial) {
        this(SharedElements.create(type, 0, List.copyOf(initial), 0, "array"), 0);
    }

    /** The array whose part of {@code memory} begins at {@code base}. */
    RawArray(SharedMemory memory, int base) {
        this.elements = new SharedElements(memory, base, "array");
    }

    /** A view of an {@link Array}'s elements, sharing its use of the block. */
    RawArray(SharedElements elements) {
        this.elements = elements;
    }

    /** The number of elements, fixed at creation. */
    public int length() {
        return elements.length();
    }

    /**
     * Element {@code index}.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < length()}
     * @throws IllegalStateException "array is closed" after {@link #close()}
     */
    @SuppressWarnings("unchecked")
    public T get(int index) {
        return (T) elements.get(index);
    }

    /**
     * Sets element {@code index}.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= index < length()}
     * @throws IllegalStateException "array is closed" after {@link #close()}
     */
    public void set(int index, T value) {
        elements.set(index, value);
    }

    /**
     * A snapshot of every element, read one by one: an unmodifiable list.
     *
     * @throws IllegalStateException "array is closed" after {@link #close()}
     */
    @SuppressWarnings("unchecked")
    public List<T> toList() {
        return (List<T>) (List<?>) elements.toList();
    }

    /** Frees what this array holds in this process at once; see {@link Value#close()}. */
    @Override
    public void close() {
        elements.close();
    }

    /** {@code <RawArray(int, [1, 2, 3])>} (at most 20 elements); {@code <RawArray(closed)>} once closed. */
    @Override
    public String toString() {
        return elements.describe("RawArray", false);
    }

    private Object writeReplace() throws ObjectStreamException {
        return elements.travel(SharedRef.Kind.RAW_ARRAY, null, this);
    }
}
