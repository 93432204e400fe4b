package io.github.mp4j.manager;

import io.github.mp4j.wire.ObjectCodec;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serialized forms of stateless functions, kept on both sides of the wire. A {@code compute} or
 * {@code update} call ships its function every time, and Java serialization of a lambda costs tens of
 * microseconds to write and more to read, far more than the call itself. A lambda or method reference
 * that captures nothing has no state: every instance of its class is interchangeable. So the client
 * serializes each such class once, and the server keeps a few hundred deserialized ones by their
 * bytes. Functions with captured values are serialized and read every time, and so is every function
 * when a notebook's top-level variables travel with it (their values may change between calls).
 */
final class StatelessFunctions {

    private static final int MAX_BYTES = 4096;
    private static final int MAX_KEPT = 256;

    /** Weak keys: a class (of a JShell cell, say) is not kept alive by having been sent. */
    private static final Map<Class<?>, byte[]> SERIALIZED =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    private static final Map<ByteBuffer, Object> READ = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Object> eldest) {
                    return size() > MAX_KEPT;
                }
            });

    private StatelessFunctions() {}

    /** A serializable lambda or method reference. */
    static boolean isFunction(Object value) {
        return value instanceof Serializable && value.getClass().isSynthetic();
    }

    /** A serializable lambda or method reference that captures nothing. */
    static boolean isStateless(Object value) {
        return isFunction(value) && value.getClass().getDeclaredFields().length == 0;
    }

    /** The serialized form of a stateless function, made once per class. */
    static byte[] bytesOf(Object function) throws IOException {
        byte[] bytes = SERIALIZED.get(function.getClass());
        if (bytes == null) {
            bytes = ObjectCodec.serialize(function);
            SERIALIZED.put(function.getClass(), bytes);
        }
        return bytes;
    }

    /**
     * Reads a value the client marked as a stateless function; one read before is returned again
     * instead of read anew.
     */
    static Object read(byte[] frame, int offset, int length) throws IOException, ClassNotFoundException {
        if (length > MAX_BYTES) {
            return ObjectCodec.deserialize(frame, offset, length);
        }
        ByteBuffer key = ByteBuffer.wrap(frame, offset, length);
        Object known = READ.get(key);
        if (known != null) {
            return known;
        }
        Object value = ObjectCodec.deserialize(frame, offset, length);
        if (isStateless(value)) {
            byte[] copy = new byte[length];
            System.arraycopy(frame, offset, copy, 0, length);
            READ.put(ByteBuffer.wrap(copy), value);
        }
        return value;
    }
}
