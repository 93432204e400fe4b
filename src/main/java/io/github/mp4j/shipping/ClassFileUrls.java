package io.github.mp4j.shipping;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;

/**
 * Class files held in memory, served as resources ({@code REPL/$JShell$3.class}): engines that ship
 * classes to other JVMs (Ignite's peer class loading) read a class's bytes through its loader's
 * {@code getResourceAsStream}, which for a class defined from bytes would otherwise find nothing.
 */
final class ClassFileUrls {

    private ClassFileUrls() {}

    /** The binary class name a {@code .class} resource path names, or null for any other resource. */
    static String className(String resource) {
        return resource.endsWith(".class")
                ? resource.substring(0, resource.length() - ".class".length()).replace('/', '.') : null;
    }

    /** A URL whose stream reads {@code bytes}; null if one cannot be made. */
    static URL of(String protocol, String resource, byte[] bytes) {
        try {
            return new URL(protocol, "", -1, "/" + resource, new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL url) {
                    return new URLConnection(url) {
                        @Override
                        public void connect() {}

                        @Override
                        public InputStream getInputStream() {
                            return new ByteArrayInputStream(bytes);
                        }

                        @Override
                        public long getContentLengthLong() {
                            return bytes.length;
                        }
                    };
                }
            });
        } catch (MalformedURLException e) {
            return null;
        }
    }
}
