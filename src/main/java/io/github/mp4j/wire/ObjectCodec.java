package io.github.mp4j.wire;

import io.github.mp4j.shipping.ClassShipping;

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

/**
 * Java serialization for everything mp4j sends: pipe messages, tasks, results.
 *
 * <p>Reading resolves classes through {@link ClassShipping#loader()}, so a class that exists only in
 * the parent's memory (a JShell cell, a generated class) is found in a child, and a REPL record sent
 * back by a child is found in the kernel. Every stream carries a deserialization filter: it bounds
 * depth, references and array sizes, and rejects well-known gadget packages. Add patterns with the
 * system property {@code mp4j.serialFilter} (syntax of {@link ObjectInputFilter.Config#createFilter};
 * they are checked before the built-in ones).
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
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
