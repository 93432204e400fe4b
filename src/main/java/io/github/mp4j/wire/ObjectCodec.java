package io.github.mp4j.wire;

import io.github.mp4j.shipping.ClassShipping;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * Java serialization for everything mp4j sends: pipe messages, tasks, results.
 *
 * <p>Reading resolves classes through {@link ClassShipping#loader()}, so a class that exists only in
 * the parent's memory (a JShell cell, a generated class) is found in a child, and a REPL record sent
 * back by a child is found in the kernel. Every stream carries a deserialization filter: it bounds
 * depth, references and array sizes, and rejects well-known gadget packages. Add patterns with the
 * system property {@code mp4j.serialFilter} (syntax of {@link ObjectInputFilter.Config#createFilter};
 * they are checked before the built-in ones).
 *
 * <p>Small values of the commonest types (null, Integer, Long, Double, Boolean, String, byte[]) skip
 * Java serialization, whose stream header and class descriptors cost more than the value: they are
 * written as a one-byte tag and the raw value. A Java serialization stream always starts with the
 * byte 0xAC, which no tag uses, so the first byte tells the two apart.
 */
public final class ObjectCodec {

    private static final String BUILT_IN_FILTER = String.join(";",
            "maxdepth=2000", "maxrefs=50000000", "maxarray=" + Frames.maxMessageBytes(),
            "!org.apache.commons.collections.functors.*", "!org.apache.commons.collections4.functors.*",
            "!org.apache.commons.beanutils.*", "!org.codehaus.groovy.runtime.*",
            "!com.sun.org.apache.xalan.internal.xsltc.trax.*", "!org.apache.xalan.xsltc.trax.*",
            "!javax.management.*", "!java.rmi.*", "!sun.rmi.*", "!com.sun.rowset.*",
            "!com.sun.jndi.*", "!javax.naming.*", "!org.springframework.beans.factory.*",
            "!com.mchange.v2.c3p0.*", "!bsh.*", "!clojure.*", "!org.python.*", "!com.sun.syndication.*");

    private static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            System.getProperty("mp4j.serialFilter", "").isBlank()
                    ? BUILT_IN_FILTER
                    : System.getProperty("mp4j.serialFilter") + ";" + BUILT_IN_FILTER);

    private ObjectCodec() {}

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
                named.accept(cl);
            }
        }) {
            out.writeObject(obj);
        }
        return bytes.toByteArray();
    }

    /** Reads one object written by {@link #serialize}. */
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
        try (ObjectInputStream in = new LoaderAwareInputStream(
                new ByteArrayInputStream(bytes, offset, length), ClassShipping.loader())) {
            return in.readObject();
        } catch (InvalidClassException e) {
            if (e.getMessage() != null && e.getMessage().contains("REJECTED")) {
                throw new InvalidClassException("deserialization filter rejected the message: "
                        + e.getMessage() + " (see system property mp4j.serialFilter)");
            }
            throw e;
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

    private static byte[] compact(Object obj) throws IOException {
        if (!isCompact(obj)) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(obj instanceof byte[] b ? b.length + 1 : 16);
        writeCompact(new DataOutputStream(bytes), obj);
        return bytes.toByteArray();
    }

    /** Whether {@link #writeCompact} can write {@code obj}: null, Integer, Long, Double, Boolean, byte[], short String. */
    public static boolean isCompact(Object obj) {
        if (obj == null) {
            return true;
        }
        Class<?> type = obj.getClass();
        return type == Integer.class || type == Long.class || type == Double.class || type == Boolean.class
                || type == byte[].class
                || type == String.class && ((String) obj).length() <= MAX_COMPACT_STRING;
    }

    /**
     * Writes a value for which {@link #isCompact} holds as its tag and raw value. A byte[] carries
     * its length, so that values written one after another can be read back one by one.
     */
    public static void writeCompact(DataOutputStream out, Object obj) throws IOException {
        if (obj == null) {
            out.writeByte(NULL);
        } else if (obj instanceof Integer i) {
            out.writeByte(INTEGER);
            out.writeInt(i);
        } else if (obj instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (obj instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (obj instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (obj instanceof byte[] raw) {
            out.writeByte(BYTES);
            out.writeInt(raw.length);
            out.write(raw);
        } else if (obj instanceof String text && text.length() <= MAX_COMPACT_STRING) {
            // modified UTF-8, as Java serialization writes strings: unpaired surrogates survive
            out.writeByte(STRING);
            out.writeUTF(text);
        } else {
            throw new IllegalArgumentException("not a compact value: " + obj.getClass().getName());
        }
    }

    /** Reads one value written by {@link #writeCompact}. */
    public static Object readCompact(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case INTEGER -> in.readInt();
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case BYTES -> {
                int length = in.readInt();
                if (length < 0 || length > in.available()) {
                    throw new java.io.StreamCorruptedException("bad byte[] length " + length);
                }
                byte[] raw = new byte[length];
                in.readFully(raw);
                yield raw;
            }
            case STRING -> in.readUTF();
            default -> throw new java.io.StreamCorruptedException(
                    "not an object message (first byte " + tag + "): was it sent with sendBytes?");
        };
    }

    private static Object fromCompact(byte[] bytes, int offset, int length) throws IOException {
        ByteArrayInputStream buffer = new ByteArrayInputStream(bytes, offset, length);
        try {
            Object value = readCompact(new DataInputStream(buffer));
            if (buffer.available() > 0) {
                throw new java.io.StreamCorruptedException("trailing bytes after a compact value");
            }
            return value;
        } catch (java.io.EOFException e) {
            throw new java.io.StreamCorruptedException("truncated compact value");
        }
    }

    /** An object stream that resolves classes through a given loader and applies the filter. */
    private static final class LoaderAwareInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderAwareInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
            setObjectInputFilter(FILTER);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc); // primitives and the platform loader's classes
            }
        }
    }
}
