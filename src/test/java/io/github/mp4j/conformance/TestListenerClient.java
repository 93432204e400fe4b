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

    @Parameter
    StartMethod method;

    /**
     * CPython's {@code _test}: a child connects to {@code family}'s listener and says hello, which
     * is accepted here after {@code acceptAfter}.
     */
    private void helloFromAChild(String family, Duration acceptAfter) throws Exception {
        try (Listener l = new Listener(family, AUTHKEY)) {
            String address = l.address();
            Process p = Children.start(method, () -> {
                try (Connection conn = Client.connect(address, AUTHKEY)) {
                    conn.send("hello");
                }
            });
            Thread.sleep(acceptAfter.toMillis());
            try (Connection conn = l.accept()) {
                assertEquals("hello", conn.recv());
            }
            Children.joined(p);
        }
    }

    @Test
    void testListenerClient() throws Exception {
        for (String family : Sockets.families()) {
            helloFromAChild(family, Duration.ZERO);
        }
    }

    @Test
    void testIssue14725() throws Exception {
        // the client has connected, sent and closed before accept is called
        helloFromAChild(Sockets.families().get(0), Duration.ofSeconds(1));
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
