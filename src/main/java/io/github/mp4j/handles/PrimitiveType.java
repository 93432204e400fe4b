package io.github.mp4j.handles;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A Java primitive type as stored in {@link SharedMemory}: its size, its boxed class, and volatile
 * reads and writes of one element at a byte offset of a block's {@link SharedMemory#view() view}.
 * The element types of {@code Value} and {@code Array} (Python's ctypes type codes).
 *
 * <p>Every access is volatile, in the platform's native byte order, through
 * {@link MethodHandles#byteBufferViewVarHandle} views; elements must sit at offsets that are
 * multiples of their size (the block itself is page-aligned). There is no byte view, so a
 * {@code byte} or {@code boolean} is read as part of its aligned 4-byte word and written by a
 * compare-and-set of that word, which leaves its neighbours intact.
 */
public enum PrimitiveType {
    BOOLEAN(boolean.class, Boolean.class, 1, false),
    BYTE(byte.class, Byte.class, 1, (byte) 0),
    CHAR(char.class, Character.class, 2, (char) 0),
    SHORT(short.class, Short.class, 2, (short) 0),
    INT(int.class, Integer.class, 4, 0),
    LONG(long.class, Long.class, 8, 0L),
    FLOAT(float.class, Float.class, 4, 0f),
    DOUBLE(double.class, Double.class, 8, 0d);

    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ORDER);
    private static final VarHandle SHORTS = MethodHandles.byteBufferViewVarHandle(short[].class, ORDER);
    private static final VarHandle CHARS = MethodHandles.byteBufferViewVarHandle(char[].class, ORDER);
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ORDER);
    private static final VarHandle FLOATS = MethodHandles.byteBufferViewVarHandle(float[].class, ORDER);
    private static final VarHandle DOUBLES = MethodHandles.byteBufferViewVarHandle(double[].class, ORDER);

    private final Class<?> primitive;
    private final Class<?> boxed;
    private final int size;
    private final Object zero;

    PrimitiveType(Class<?> primitive, Class<?> boxed, int size, Object zero) {
        this.primitive = primitive;
        this.boxed = boxed;
        this.size = size;
        this.zero = zero;
    }

    /**
     * The type of {@code javaType}, a primitive class ({@code int.class}) or its box
     * ({@code Integer.class}).
     *
     * @throws IllegalArgumentException for any other class
     * @throws NullPointerException for null
     */
    public static PrimitiveType of(Class<?> javaType) {
        for (PrimitiveType type : values()) {
            if (type.primitive == javaType || type.boxed == javaType) {
                return type;
            }
        }
        throw new IllegalArgumentException("unsupported type " + javaType.getName()
                + ": shared memory holds boolean, byte, char, short, int, long, float or double");
    }

    /** The size of one element in bytes: 1, 2, 4 or 8. */
    public int size() {
        return size;
    }

    /** The element that zero-filled memory holds: {@code 0}, {@code false}, {@code '\0'}. */
    public Object zero() {
        return zero;
    }

    /** The Java spelling of the type: {@code "int"}, {@code "double"}... */
    @Override
    public String toString() {
        return primitive.getName();
    }

    /**
     * Returns {@code value} if this type can store it.
     *
     * @throws ClassCastException "int expected instead of java.lang.String" for another class
     * @throws NullPointerException for null
     */
    public Object check(Object value) {
        if (value == null) {
            throw new NullPointerException(this + " expected instead of null");
        }
        if (!boxed.isInstance(value)) {
            throw new ClassCastException(this + " expected instead of " + value.getClass().getName());
        }
        return value;
    }

    /** A volatile read of the element at {@code offset} of {@code view}. */
    public Object get(ByteBuffer view, int offset) {
        return switch (this) {
            case BOOLEAN -> getByte(view, offset) != 0;
            case BYTE -> getByte(view, offset);
            case CHAR -> (char) CHARS.getVolatile(view, offset);
            case SHORT -> (short) SHORTS.getVolatile(view, offset);
            case INT -> (int) INTS.getVolatile(view, offset);
            case LONG -> (long) LONGS.getVolatile(view, offset);
            case FLOAT -> (float) FLOATS.getVolatile(view, offset);
            case DOUBLE -> (double) DOUBLES.getVolatile(view, offset);
        };
    }

    /**
     * A volatile write of {@code value} at {@code offset} of {@code view}.
     *
     * @throws ClassCastException if this type cannot store {@code value}, see {@link #check}
     */
    public void set(ByteBuffer view, int offset, Object value) {
        check(value);
        switch (this) {
            case BOOLEAN -> setByte(view, offset, (Boolean) value ? (byte) 1 : 0);
            case BYTE -> setByte(view, offset, (Byte) value);
            case CHAR -> CHARS.setVolatile(view, offset, (char) value);
            case SHORT -> SHORTS.setVolatile(view, offset, (short) value);
            case INT -> INTS.setVolatile(view, offset, (int) value);
            case LONG -> LONGS.setVolatile(view, offset, (long) value);
            case FLOAT -> FLOATS.setVolatile(view, offset, (float) value);
            case DOUBLE -> DOUBLES.setVolatile(view, offset, (double) value);
        }
    }

    /* ---------------- bytes, through their aligned 4-byte word ---------------- */

    private static int shift(int offset) {
        int inWord = offset & 3;
        return 8 * (ORDER == ByteOrder.LITTLE_ENDIAN ? inWord : 3 - inWord);
    }

    private static byte getByte(ByteBuffer view, int offset) {
        return (byte) ((int) INTS.getVolatile(view, offset & ~3) >>> shift(offset));
    }

    private static void setByte(ByteBuffer view, int offset, byte value) {
        int word = offset & ~3;
        int shift = shift(offset);
        while (true) {
            int old = (int) INTS.getVolatile(view, word);
            int updated = (old & ~(0xFF << shift)) | ((value & 0xFF) << shift);
            if (INTS.compareAndSet(view, word, old, updated)) {
                return;
            }
        }
    }
}
