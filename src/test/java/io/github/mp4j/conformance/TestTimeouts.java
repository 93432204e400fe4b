package io.github.mp4j.conformance;

import static io.github.mp4j.conformance.Sockets.AUTHKEY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mp4j.Client;
import io.github.mp4j.Connection;
import io.github.mp4j.Listener;
import io.github.mp4j.Pipe;
import io.github.mp4j.Process;
import org.junit.jupiter.api.Test;

/**
 * CPython's {@code TestTimeouts}: a peer that is slow to send or to connect fails neither the
 * receive nor the accept. (CPython sets a 0.1 s default socket timeout first; Java has no global
 * one, so the receive and the accept simply wait.)
 */
class TestTimeouts {

    @Test
    void testTimeout() throws Exception {
        Pipe pipe = Pipe.open();
        Connection parent = pipe.conn1(), child = pipe.conn2();
        try (Listener l = new Listener(AUTHKEY)) {
            String address = l.address();
            Process p = Children.start(null, () -> {
                Thread.sleep(1000);
                child.send(123);
                child.close();
                try (Connection conn = Client.connect(address, AUTHKEY)) {
                    conn.send(456);
                }
            });
            child.close();
            assertEquals(123, parent.recv());
            parent.close();
            try (Connection conn = l.accept()) {
                assertEquals(456, conn.recv());
            }
            Children.joined(p);
        }
    }
}
