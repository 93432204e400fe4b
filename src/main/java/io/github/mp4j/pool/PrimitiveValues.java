package io.github.mp4j.pool;

import java.io.StreamCorruptedException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.AbstractList;
import java.util.Iterator;
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
 * a worker JVM runs interpreted for its first maps; here the sender runs one short loop of plain
 * stores into the message, and the receiver reads the values in the message itself. Doubles travel
 * as their raw bits, so NaN payloads and {@code -0.0} arrive unchanged.
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
        int n = values.size();
        if (n < MIN_SIZE) {
            return null;
        }
        Object first = values.get(0);
        byte kind = first instanceof Integer ? INTS : first instanceof Long ? LONGS : first instanceof Double ? DOUBLES : 0;
        if (kind == 0) {
            return null;
        }
        // Written straight into the message: no copy of the list, no array of raw values. A map's
        // chunks are fresh memory for the pool's JVM, and fresh pages are what a map pays most for.
        byte[] out = allocate(kind, n, kind == INTS ? Integer.BYTES : Long.BYTES);
        int at = 5;
        Iterator<?> it = values instanceof RandomAccess ? null : values.iterator();
        for (int i = 0; i < n; i++) {
            Object v = it == null ? values.get(i) : it.next();
            if (kind == INTS && v instanceof Integer x) {
                at = putInt(out, at, x);
            } else if (kind == LONGS && v instanceof Long x) {
                at = putLong(out, at, x);
            } else if (kind == DOUBLES && v instanceof Double d) {
                at = putLong(out, at, Double.doubleToRawLongBits(d));
            } else {
                return null;
            }
        }
        return out;
    }

    /** Writes {@code v} little-endian at {@code at}; the index after it. Plain stores: cheap even interpreted. */
    private static int putInt(byte[] out, int at, int v) {
        out[at] = (byte) v;
        out[at + 1] = (byte) (v >>> 8);
        out[at + 2] = (byte) (v >>> 16);
        out[at + 3] = (byte) (v >>> 24);
        return at + 4;
    }

    private static int putLong(byte[] out, int at, long v) {
        return putInt(out, putInt(out, at, (int) v), (int) (v >>> 32));
    }

    /** A message of {@code n} values of {@code width} bytes, its kind and count written. */
    private static byte[] allocate(byte kind, int n, int width) {
        return ByteBuffer.allocate(Math.addExact(5, Math.multiplyExact(n, width))).put(kind).putInt(n).array();
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
