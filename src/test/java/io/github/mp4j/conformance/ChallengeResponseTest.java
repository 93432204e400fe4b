package io.github.mp4j.conformance;

import static io.github.mp4j.conformance.OtherTest.ascii;
import static io.github.mp4j.conformance.OtherTest.readFrame;
import static io.github.mp4j.conformance.OtherTest.writeFrame;
import static io.github.mp4j.conformance.PythonError.AUTHENTICATION_ERROR;
import static io.github.mp4j.conformance.PythonError.assertRaises;
import static io.github.mp4j.conformance.Sockets.AUTHKEY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mp4j.Client;
import io.github.mp4j.Connection;
import io.github.mp4j.Listener;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** CPython's {@code ChallengeResponseTest}: the digests a handshake accepts. */
class ChallengeResponseTest {

    @Test
    @Deliberate("Only HMAC-SHA256 challenges ({sha256}) are answered: a legacy challenge (no prefix, "
            + "HMAC-MD5) or an {md5} one is refused with AuthenticationError before any digest is sent, "
            + "since MD5 no longer authenticates anything")
    void testChallengeresponse() throws Exception {
        try (Listener listener = new Listener(AUTHKEY);
                Connection c = Client.connect(listener.address(), AUTHKEY);
                Connection d = listener.accept()) {
            c.send("sha256 both ways");
            assertEquals("sha256 both ways", d.recv());
        }
        for (String prefix : new String[] {"", "{md5}"}) {
            AtomicInteger answers = new AtomicInteger();
            try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                Thread peer = new Thread(() -> {
                    try (Socket s = server.accept()) {
                        s.setSoTimeout(OtherTest.SOCKET_TIMEOUT_MILLIS);
                        writeFrame(new DataOutputStream(s.getOutputStream()),
                                ascii("#CHALLENGE#" + prefix + "is-twenty-bytes-long"));
                        readFrame(new DataInputStream(s.getInputStream()));
                        answers.incrementAndGet();
                    } catch (Exception ignored) {
                        // the client hangs up instead of answering
                    }
                });
                peer.start();
                assertRaises(AUTHENTICATION_ERROR,
                        () -> Client.connect("127.0.0.1:" + server.getLocalPort(), AUTHKEY));
                peer.join(Duration.ofSeconds(60).toMillis());
            }
            assertEquals(0, answers.get(), "no digest is sent for a " + (prefix.isEmpty() ? "legacy" : prefix) + " challenge");
        }
    }
}
