package io.github.mp4j.conformance;

import static io.github.mp4j.conformance.PythonError.OS_ERROR;
import static io.github.mp4j.conformance.PythonError.VALUE_ERROR;
import static io.github.mp4j.conformance.PythonError.assertRaises;
import static io.github.mp4j.conformance.Sockets.AUTHKEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.Client;
import io.github.mp4j.Connection;
import io.github.mp4j.Listener;
import org.junit.jupiter.api.Test;

/** CPython's {@code _TestListener}: binding, closing and keys of a {@link Listener}. */
class TestListener {

    @Test
    void testMultipleBind() throws Exception {
        for (String family : Sockets.families()) {
            try (Listener l = new Listener(family, AUTHKEY)) {
                assertRaises(OS_ERROR, () -> new Listener(l.address(), AUTHKEY).close());
            }
        }
    }

    @Test
    void testContext() throws Exception {
        Listener l = new Listener(AUTHKEY);
        try (l; Connection c = Client.connect(l.address(), AUTHKEY); Connection d = l.accept()) {
            c.send(1729);
            assertEquals(1729, d.recv());
        }
        assertRaises(OS_ERROR, l::accept);
    }

    @Test
    @Deliberate("An empty authkey is refused (IllegalArgumentException \"authkey must not be empty\") by the "
            + "Listener and by Client.connect: a key anyone can guess authenticates nobody, and a socket "
            + "that deserializes what anyone sends runs what anyone sends")
    void testEmptyAuthkey() {
        assertEquals("authkey must not be empty",
                assertRaises(VALUE_ERROR, () -> new Listener(new byte[0]).close()).getMessage());
        assertEquals("authkey must not be empty",
                assertRaises(VALUE_ERROR, () -> Client.connect("127.0.0.1:1", new byte[0])).getMessage());
    }

    @Test
    @Deliberate("Linux's abstract socket namespace (an address starting with NUL) is refused with "
            + "IllegalArgumentException: Java's UNIX-domain sockets can bind only paths in the file system")
    void testAbstractSocket() {
        Throwable e = assertRaises(VALUE_ERROR, () -> new Listener("\0something", AUTHKEY).close());
        assertTrue(e.getMessage().contains("abstract"), e.getMessage());
    }
}
