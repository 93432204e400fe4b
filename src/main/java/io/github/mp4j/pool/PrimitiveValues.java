package io.github.mp4j.pool;

import java.io.StreamCorruptedException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The value lists of {@link WorkCodec} whose values are all {@code Integer}, all {@code Long} or all
 * {@code Double} (no null): they travel as one array of raw values, {@code n:int} then {@code n}
 * little-endian 4- or 8-byte values, and are read back as a list that boxes each value when it is
 * asked for.
 *
 * <p>Why: a map over numbers spends its time on the values, not on the function. Written one by one
 * through {@link io.github.mp4j.wire.ObjectCodec#writeCompact}, each value costs a few calls, which
 * a worker JVM runs interpreted for its first maps; here each side runs one short loop and a bulk
 * copy. Doubles travel as their raw bits, so NaN payloads and {@code -0.0} arrive unchanged.
 */
final class PrimitiveValues {

    static final byte INTS = 3;
    static final byte LONGS = 4;
    static final byte DOUBLES = 5;
    /** Shorter lists (an imap item, a chunk of one) cost less as tagged values than as an array. */
    static final int MIN_SIZE = 8;

    private PrimitiveValues() {}

    /**
     * The encoded list (its kind byte first), or null when its values are not all of one such type
     * or there are fewer than {@link #MIN_SIZE}.
     */
    static byte[] encode(List<?> values) {
        // One bulk copy, then plain array loops: cheap even before the JIT has compiled them.
        if (values.size() < MIN_SIZE) {
            return null;
        }
        Object[] array = values.toArray();
        Object first = array[0];
        if (first instanceof Integer) {
            int[] ints = new int[array.length];
            for (int i = 0; i < array.length; i++) {
                if (!(array[i] instanceof Integer x)) {
                    return null;
                }
                ints[i] = x;
            }
            byte[] out = allocate(INTS, ints.length, Integer.BYTES);
            body(out).asIntBuffer().put(ints);
            return out;
        }
        boolean doubles = first instanceof Double;
        if (!doubles && !(first instanceof Long)) {
            return null;
        }
        long[] longs = new long[array.length];
        for (int i = 0; i < array.length; i++) {
            if (doubles && array[i] instanceof Double d) {
                longs[i] = Double.doubleToRawLongBits(d);
            } else if (!doubles && array[i] instanceof Long x) {
                longs[i] = x;
            } else {
                return null;
            }
        }
        byte[] out = allocate(doubles ? DOUBLES : LONGS, longs.length, Long.BYTES);
        body(out).asLongBuffer().put(longs);
        return out;
    }

    /** A message of {@code n} values of {@code width} bytes, its kind and count written. */
    private static byte[] allocate(byte kind, int n, int width) {
        return ByteBuffer.allocate(Math.addExact(5, Math.multiplyExact(n, width))).put(kind).putInt(n).array();
    }

    /** The values part of an encoded list. */
    private static ByteBuffer body(byte[] encoded) {
        return ByteBuffer.wrap(encoded, 5, encoded.length - 5).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Whether {@code kind} is one of this class's list kinds. */
    static boolean isPrimitive(byte kind) {
        return kind == INTS || kind == LONGS || kind == DOUBLES;
    }

    /**
     * Reads a list of {@code kind} from {@code in}, which holds exactly its count and values. The
     * list reads the values where they arrived, in the message's own array (which it keeps), rather
     * than from a copy.
     */
    static List<Object> decode(byte kind, ByteBuffer in) throws StreamCorruptedException {
        int width = kind == INTS ? Integer.BYTES : Long.BYTES;
        int n = in.remaining() >= 4 ? in.getInt() : -1;
        if (n < 0 || (long) n * width != in.remaining()) {
            throw new StreamCorruptedException("bad primitive value list");
        }
        ByteBuffer body = in.slice().order(ByteOrder.LITTLE_ENDIAN);
        return kind == INTS ? new Ints(body.asIntBuffer()) : new Longs(body.asLongBuffer(), kind == DOUBLES);
    }

    /** Received values, boxed on access. */
    private abstract static class Boxed extends AbstractList<Object> implements RandomAccess {
        private final int size;

        Boxed(int size) {
            this.size = size;
        }

        abstract Object box(int index);

        @Override
        public Object get(int index) {
            return box(java.util.Objects.checkIndex(index, size));
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Object[] toArray() {
            Object[] boxed = new Object[size];
            for (int i = 0; i < size; i++) {
                boxed[i] = box(i);
            }
            return boxed;
        }
    }

    private static final class Ints extends Boxed {
        private final IntBuffer values;

        Ints(IntBuffer values) {
            super(values.remaining());
            this.values = values;
        }

        @Override
        Object box(int index) {
            return values.get(index);
        }
    }

    /** Longs, or doubles as their raw bits. */
    private static final class Longs extends Boxed {
        private final LongBuffer values;
        private final boolean doubles;

        Longs(LongBuffer values, boolean doubles) {
            super(values.remaining());
            this.values = values;
            this.doubles = doubles;
        }

        @Override
        Object box(int index) {
            long raw = values.get(index);
            return doubles ? (Object) Double.longBitsToDouble(raw) : (Object) raw;
        }
    }
}
