package io.github.mp4j;

import io.github.mp4j.handles.PrimitiveType;
import io.github.mp4j.handles.SharedMemory;

import java.io.ObjectStreamException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The primitives of a {@link Value}, {@link RawValue}, {@link Array} or {@link RawArray} in shared
 * memory, and this process's use of them: the part of their contract that the four share.
 *
 * <p>Layout of a block, from {@code base} (0, or after the words of the {@link RLock} that a
 * locked value keeps in the same block): one 64-bit header slot, the element type's ordinal in
 * its low 32 bits and the length in its high 32 bits, then the elements, each at a multiple of its
 * size. The header travels with the memory, so a child learns the type and length from the block.
 */
final class SharedElements {

    /** Where a locked value's elements begin: after the {@link RLock}'s words. */
    static final int AFTER_LOCK = RLock.BYTES;
    private static final int HEADER = 8;

    private final PrimitiveMemory shared;
    private final ByteBuffer view;
    private final PrimitiveType type;
    private final int length;
    /** The offset of element 0. */
    private final int first;

    /** Takes one user's share of the elements in {@code memory} at {@code base}. */
    SharedElements(SharedMemory memory, int base, String name) {
        long header = memory.get(base);
        this.shared = new PrimitiveMemory(memory, name);
        this.view = memory.view();
        this.type = PrimitiveType.values()[(int) header];
        this.length = (int) (header >>> 32);
        this.first = base + HEADER;
    }

    /**
     * A new block holding {@code initial} (null: {@code length} zeros) as {@code javaType}, with
     * {@code base} bytes before the header.
     *
     * @throws IllegalArgumentException for an unsupported type or a negative or too large length
     * @throws ClassCastException for an element the type cannot store
     * @throws NullPointerException for a null element
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    static SharedMemory create(Class<?> javaType, int length, List<?> initial, int base, String name) {
        PrimitiveType type = PrimitiveType.of(Objects.requireNonNull(javaType, "type"));
        if (initial != null) {
            initial.forEach(type::check);
            length = initial.size();
        }
        if (length < 0 || length > (Integer.MAX_VALUE - base - 2 * HEADER) / type.size()) {
            throw new IllegalArgumentException("invalid " + name + " length: " + length);
        }
        SharedMemory memory = PrimitiveMemory.create(base + HEADER + Math.max(1, length * type.size()), name);
        memory.set(base, type.ordinal() | ((long) length << 32));
        if (initial != null) {
            ByteBuffer view = memory.view();
            for (int i = 0; i < length; i++) {
                type.set(view, base + HEADER + i * type.size(), initial.get(i));
            }
        }
        return memory;
    }

    int length() {
        return length;
    }

    /**
     * Element {@code index}.
     *
     * @throws IndexOutOfBoundsException outside {@code [0, length())}
     * @throws IllegalStateException "<i>name</i> is closed" after {@link #close()}
     */
    Object get(int index) {
        shared.ensureOpen();
        return type.get(view, offset(index));
    }

    /**
     * Sets element {@code index}.
     *
     * @throws IndexOutOfBoundsException outside {@code [0, length())}
     * @throws ClassCastException, NullPointerException for a value the type cannot store
     * @throws IllegalStateException "<i>name</i> is closed" after {@link #close()}
     */
    void set(int index, Object value) {
        shared.ensureOpen();
        type.set(view, offset(index), value);
    }

    /** A snapshot of every element, each read on its own. */
    List<Object> toList() {
        shared.ensureOpen();
        Object[] elements = new Object[length];
        for (int i = 0; i < length; i++) {
            elements[i] = type.get(view, offset(i));
        }
        return Collections.unmodifiableList(Arrays.asList(elements));
    }

    private int offset(int index) {
        return first + Objects.checkIndex(index, length) * type.size();
    }

    /** @see PrimitiveMemory#ensureOpen() */
    void ensureOpen() {
        shared.ensureOpen();
    }

    boolean isClosed() {
        return shared.isClosed();
    }

    /** Releases this user's share of the block; see {@link PrimitiveMemory#close()}. */
    void close() {
        shared.close();
    }

    /** @see PrimitiveMemory#travel(SharedRef.Kind, int, Object, Object) */
    Object travel(SharedRef.Kind kind, Object companion, Object owner) throws ObjectStreamException {
        return shared.travel(kind, first - HEADER, companion, owner);
    }

    /**
     * "<i>Kind</i>(<i>type</i>, <i>contents</i>)" for {@code toString()}, read without any lock (at
     * most 20 elements of an array); "<i>Kind</i>(closed)" once closed.
     */
    String describe(String kind, boolean single) {
        if (isClosed()) {
            return "<" + kind + "(closed)>";
        }
        String contents;
        if (single) {
            contents = String.valueOf(get(0));
        } else {
            StringJoiner shown = new StringJoiner(", ", "[", "]");
            for (int i = 0; i < Math.min(length, 20); i++) {
                shown.add(String.valueOf(get(i)));
            }
            if (length > 20) {
                shown.add("... (" + length + " elements)");
            }
            contents = shown.toString();
        }
        return "<" + kind + "(" + type + ", " + contents + ")>";
    }
}
