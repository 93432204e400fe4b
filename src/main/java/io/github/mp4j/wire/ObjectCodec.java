package io.github.mp4j.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.nio.ByteBuffer;

/**
 * Java serialization for everything mp4j sends: pipe messages, tasks, results.
 *
 * <p>Writing tells the installed {@link ClassResolver} every class a stream names, and reading
 * resolves classes through it; the layer above installs one ({@code shipping/ClassShipping}), so a
 * class that exists only in the parent's memory (a JShell cell, a generated class, a program run by
 * {@code java Main.java}) is found in a child, and a REPL record sent back by a child is found in
 * the kernel. This class knows nothing of how. Every stream carries a
 * {@link MessageFilter}: the patterns of the system property {@code mp4j.serialFilter} (syntax of
 * {@link ObjectInputFilter.Config#createFilter}, read again when it changes), a block-list of
 * gadget packages, and bounds that keep what a message costs in proportion to its size; a
 * {@link HashingBudget} bounds what hashing its collections costs.
 *
 * <p>Small values of the commonest types (null, Integer, Long, Double, Boolean, String, byte[]) skip
 * Java serialization, whose stream header and class descriptors cost more than the value: they are
 * written as a one-byte tag and the raw value. A Java serialization stream always starts with the
 * byte 0xAC, which no tag uses, so the first byte tells the two apart.
 */
public final class ObjectCodec {

    private static volatile ClassResolver classes = ClassResolver.CONTEXT_LOADER;

    private ObjectCodec() {}

    /**
     * Makes {@code resolver} the one through which every stream from now on resolves its classes
     * and reports the classes it writes.
     */
    public static void resolveClassesWith(ClassResolver resolver) {
        classes = java.util.Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * Serializes {@code obj} (null included).
     *
     * @throws NotSerializableException naming the class that cannot be serialized
     */
    public static byte[] serialize(Object obj) throws IOException {
        byte[] compact = compact(obj);
        return compact != null ? compact : serialize(obj, type -> { });
    }

    /**
     * Serializes {@code obj} with Java serialization and tells {@code named} every class whose
     * descriptor the stream writes: the classes of the objects in the graph, and the capturing
     * class of every serializable lambda (a {@code SerializedLambda} holds it as a {@code Class}).
     * Always Java serialization, never the compact form; {@link #deserialize} reads it as usual.
     */
    public static byte[] serialize(Object obj, java.util.function.Consumer<Class<?>> named) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes) {
            @Override
            protected void annotateClass(Class<?> cl) {
                classes.sending(cl);
                named.accept(cl);
            }
        }) {
            out.writeObject(obj);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads one object written by {@link #serialize}.
     *
     * @throws FilterRejection when the message's filter or hashing budget refuses it
     */
    public static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        return deserialize(bytes, 0, bytes.length);
    }

    public static Object deserialize(byte[] bytes, int offset, int length)
            throws IOException, ClassNotFoundException {
        if (length == 0) {
            throw new java.io.StreamCorruptedException(
                    "an empty message is not an object: it was sent with sendBytes, receive it with recvBytes");
        }
        if (bytes[offset] != JAVA_SERIALIZATION) {
            return fromCompact(bytes, offset, length);
        }
        MessageFilter filter = new MessageFilter(length);
        try (ObjectInputStream in = new LoaderAwareInputStream(
                new ByteArrayInputStream(bytes, offset, length), filter, new HashingBudget(length))) {
            return in.readObject();
        } catch (InvalidClassException e) {
            if (filter.refusal() != null) {
                throw MessageFilter.refused(null, filter.refusal() + " (see system property mp4j.serialFilter)");
            }
            throw e;
        }
    }

    /**
     * Applies the classes of {@code mp4j.serialFilter} to a class that a message names outside Java
     * serialization (a compact lambda's capturing class, a task's type), before it is loaded with
     * its static initializer or used.
     *
     * @throws FilterRejection if the filter refuses it
     */
    public static void checkClass(Class<?> type) throws FilterRejection {
        if (MessageFilter.userRefuses(type)) {
            throw MessageFilter.refused(type.getName(), "refused by mp4j.serialFilter");
        }
    }

    /* ---------------- the compact form of common values ---------------- */

    private static final byte JAVA_SERIALIZATION = (byte) 0xAC;
    private static final byte NULL = 1;
    private static final byte INTEGER = 2;
    private static final byte LONG = 3;
    private static final byte DOUBLE = 4;
    private static final byte TRUE = 5;
    private static final byte FALSE = 6;
    private static final byte STRING = 7;
    private static final byte BYTES = 8;
    /** Longer strings go through Java serialization: writeUTF's limit is 65535 encoded bytes. */
    private static final int MAX_COMPACT_STRING = 16_384;

    /** The compact form of {@code obj} (see {@link #writeCompact}), or null when it has none. */
    public static byte[] compact(Object obj) {
        int size = compactSize(obj);
        if (size < 0) {
            return null;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        writeCompact(out, obj);
        return out.array();
    }

    /**
     * The bytes {@link #writeCompact} needs for {@code obj}, or -1 when it has no compact form (only
     * null, Integer, Long, Double, Boolean, byte[] and Strings of up to 16 Ki chars have one).
     */
    public static int compactSize(Object obj) {
        if (obj == null) {
            return 1;
        }
        Class<?> type = obj.getClass();
        if (type == Integer.class) {
            return 5;
        } else if (type == Long.class || type == Double.class) {
            return 9;
        } else if (type == Boolean.class) {
            return 1;
        } else if (type == byte[].class) {
            return 5 + ((byte[]) obj).length;
        } else if (type == String.class && ((String) obj).length() <= MAX_COMPACT_STRING) {
            return 3 + utfLength((String) obj);
        }
        return -1;
    }

    /**
     * Writes a value that has a compact form as its tag and raw value; values written one after
     * another read back one by one. A String is modified UTF-8, as Java serialization writes it,
     * so unpaired surrogates survive.
     *
     * @throws IllegalArgumentException if {@link #compactSize} is -1 for it
     */
    public static void writeCompact(ByteBuffer out, Object obj) {
        if (obj == null) {
            out.put(NULL);
        } else if (obj instanceof Integer i) {
            out.put(INTEGER).putInt(i);
        } else if (obj instanceof Long l) {
            out.put(LONG).putLong(l);
        } else if (obj instanceof Double d) {
            out.put(DOUBLE).putDouble(d);
        } else if (obj instanceof Boolean b) {
            out.put(b ? TRUE : FALSE);
        } else if (obj instanceof byte[] raw) {
            out.put(BYTES).putInt(raw.length).put(raw);
        } else if (obj instanceof String text && text.length() <= MAX_COMPACT_STRING) {
            out.put(STRING).putShort((short) utfLength(text));
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= 0x0001 && c <= 0x007F) {
                    out.put((byte) c);
                } else if (c <= 0x07FF) {
                    out.put((byte) (0xC0 | (c >> 6))).put((byte) (0x80 | (c & 0x3F)));
                } else {
                    out.put((byte) (0xE0 | (c >> 12))).put((byte) (0x80 | ((c >> 6) & 0x3F)))
                            .put((byte) (0x80 | (c & 0x3F)));
                }
            }
        } else {
            throw new IllegalArgumentException("no compact form for " + obj.getClass().getName());
        }
    }

    /** Reads one value written by {@link #writeCompact}. */
    public static Object readCompact(ByteBuffer in) throws IOException {
        try {
            byte tag = in.get();
            return switch (tag) {
                case NULL -> null;
                case INTEGER -> in.getInt();
                case LONG -> in.getLong();
                case DOUBLE -> in.getDouble();
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case BYTES -> {
                    int length = in.getInt();
                    if (length < 0 || length > in.remaining()) {
                        throw new java.io.StreamCorruptedException("bad byte[] length " + length);
                    }
                    byte[] raw = new byte[length];
                    in.get(raw);
                    yield raw;
                }
                case STRING -> readUtf(in, in.getShort() & 0xFFFF);
                default -> throw new java.io.StreamCorruptedException(
                        "not an object message (first byte " + tag + "): was it sent with sendBytes?");
            };
        } catch (java.nio.BufferUnderflowException e) {
            throw new java.io.StreamCorruptedException("truncated compact value");
        }
    }

    private static int utfLength(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            length += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
        }
        return length;
    }

    private static String readUtf(ByteBuffer in, int length) throws IOException {
        if (length > in.remaining()) {
            throw new java.io.StreamCorruptedException("truncated string");
        }
        char[] chars = new char[length];
        int n = 0;
        for (int end = in.position() + length; in.position() < end; ) {
            int b = in.get() & 0xFF;
            if (b < 0x80) {
                chars[n++] = (char) b;
            } else if ((b & 0xE0) == 0xC0 && in.position() < end) {
                chars[n++] = (char) (((b & 0x1F) << 6) | (in.get() & 0x3F));
            } else if ((b & 0xF0) == 0xE0 && in.position() + 1 < end) {
                chars[n++] = (char) (((b & 0x0F) << 12) | ((in.get() & 0x3F) << 6) | (in.get() & 0x3F));
            } else {
                throw new java.io.UTFDataFormatException("malformed string");
            }
        }
        return new String(chars, 0, n);
    }

    private static Object fromCompact(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        Object value = readCompact(in);
        if (in.hasRemaining()) {
            throw new java.io.StreamCorruptedException("trailing bytes after a compact value");
        }
        return value;
    }

    /**
     * An object stream that resolves classes through the installed {@link ClassResolver}, applies a filter
     * and weighs each object it reads against a hashing budget.
     */
    private static final class LoaderAwareInputStream extends ObjectInputStream {

        private final HashingBudget hashing;

        LoaderAwareInputStream(InputStream in, ObjectInputFilter filter, HashingBudget hashing) throws IOException {
            super(in);
            this.hashing = hashing;
            setObjectInputFilter(filter);
            enableResolveObject(true);
        }

        @Override
        protected Object resolveObject(Object read) throws IOException {
            hashing.weigh(read); // before the collection that holds it, if any, hashes it
            return read;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return classes.resolve(desc.getName());
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc); // primitives and the platform loader's classes
            }
        }
    }
}
