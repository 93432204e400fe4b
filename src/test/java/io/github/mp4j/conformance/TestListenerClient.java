package io.github.mp4j.conformance;

import static io.github.mp4j.conformance.Sockets.AUTHKEY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.Client;
import io.github.mp4j.Connection;
import io.github.mp4j.Listener;
import io.github.mp4j.Process;
import io.github.mp4j.StartMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** CPython's {@code _TestListenerClient}, for each start method: a child connects and sends. */
@ParameterizedClass
@EnumSource(StartMethod.class)
class TestListenerClient {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @Parameter
    StartMethod method;

    private Process sayHello(String address) throws Exception {
        Process p = new Process(() -> {
            try (Connection conn = Client.connect(address, AUTHKEY)) {
                conn.send("hello");
            }
        });
        p.setDaemon(true);
        p.start(method);
        return p;
    }

    @Test
    void testListenerClient() throws Exception {
        for (String family : Sockets.families()) {
            try (Listener l = new Listener(family, AUTHKEY)) {
                Process p = sayHello(l.address());
                try (Connection conn = l.accept()) {
                    assertEquals("hello", conn.recv());
                }
                p.join(BOUND);
                assertEquals(0, p.exitCode());
            }
        }
    }

    @Test
    void testIssue14725() throws Exception {
        try (Listener l = new Listener(AUTHKEY)) {
            Process p = sayHello(l.address());
            Thread.sleep(1000); // the client has connected, sent and closed before accept
            try (Connection conn = l.accept()) {
                assertEquals("hello", conn.recv());
            }
            p.join(BOUND);
            assertEquals(0, p.exitCode());
        }
    }

    @Test
    void testIssue16955() throws Exception {
        for (String family : Sockets.families()) {
            try (Listener l = new Listener(family, AUTHKEY);
                    Connection c = Client.connect(l.address(), AUTHKEY);
                    Connection a = l.accept()) {
                byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
                a.sendBytes(hello);
                assertTrue(c.poll(Duration.ofSeconds(1)));
                assertArrayEquals(hello, c.recvBytes());
            }
        }
    }
}
