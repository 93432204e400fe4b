package io.github.mp4j;

import io.github.mp4j.handles.SharedMemory;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.Collections;

/**
 * One primitive in shared memory, without a lock: {@link Value} minus {@code getLock()}. Python's
 * {@code multiprocessing.RawValue(typecode, value)} (and {@code Value(..., lock=False)}).
 *
 * <pre>{@code
 * RawValue<Boolean> done = new RawValue<>(boolean.class);
 * Process p = new Process(() -> { work(); done.set(true); });
 * p.start();
 * p.join();
 * System.out.println(done.get());                 // true
 * }</pre>
 *
 * <p>Each {@link #get()} and {@link #set} is one volatile access, atomic on its own for every type
 * and seen at once by every process; anything more (a read then a write) needs a lock of your own.
 * Types, errors, travelling into children and {@link #close()} are as for {@link Value}.
 *
 * @param <T> the boxed type of the primitive: {@code Integer} for {@code int.class}
 */
public final class RawValue<T> implements Serializable, AutoCloseable {

    private static final long serialVersionUID = 1L;

    private final transient SharedElements elements;

    /**
     * A zero value of {@code type}.
     *
     * @throws IllegalArgumentException if {@code type} is not a primitive type or its box
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public RawValue(Class<T> type) {
        this(SharedElements.create(type, 1, null, 0, "value"), 0);
    }

    /**
     * A value of {@code type} set to {@code initial}.
     *
     * @throws IllegalArgumentException if {@code type} is not a primitive type or its box
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public RawValue(Class<T> type, T initial) {
        this(SharedElements.create(type, 1, Collections.singletonList(initial), 0, "value"), 0);
    }

    /** The value whose part of {@code memory} begins at {@code base}. */
    RawValue(SharedMemory memory, int base) {
        this.elements = new SharedElements(memory, base, "value");
    }

    /** A view of a {@link Value}'s element, sharing its use of the block. */
    RawValue(SharedElements elements) {
        this.elements = elements;
    }

    /**
     * The value.
     *
     * @throws IllegalStateException "value is closed" after {@link #close()}
     */
    @SuppressWarnings("unchecked")
    public T get() {
        return (T) elements.get(0);
    }

    /**
     * Sets the value.
     *
     * @throws IllegalStateException "value is closed" after {@link #close()}
     */
    public void set(T value) {
        elements.set(0, value);
    }

    /** Frees what this value holds in this process at once; see {@link Value#close()}. */
    @Override
    public void close() {
        elements.close();
    }

    /** {@code <RawValue(int, 7)>}; {@code <RawValue(closed)>} once closed. */
    @Override
    public String toString() {
        return elements.describe("RawValue", true);
    }

    private Object writeReplace() throws ObjectStreamException {
        return elements.travel(SharedRef.Kind.RAW_VALUE, null, this);
    }
}
