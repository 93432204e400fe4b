package io.github.mp4j.conformance;

import static io.github.mp4j.conformance.PythonError.AUTHENTICATION_ERROR;
import static io.github.mp4j.conformance.PythonError.assertRaises;
import static io.github.mp4j.conformance.Sockets.AUTHKEY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mp4j.Client;
import io.github.mp4j.Connection;
import io.github.mp4j.Listener;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * CPython's {@code OtherTest}: each side of the handshake rejects a bogus message from its peer.
 * CPython calls {@code deliver_challenge} and {@code answer_challenge} on fake connections; here a
 * real {@link Listener} or {@link Client} meets a peer on a real socket that speaks the protocol's
 * frames (a 4-byte big-endian length, then the payload) and sends garbage where a digest belongs.
 */
class OtherTest {

    static final int SOCKET_TIMEOUT_MILLIS = 30_000;

    static void writeFrame(DataOutputStream out, byte[] payload) throws Exception {
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    static byte[] readFrame(DataInputStream in) throws Exception {
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        return payload;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void testDeliverChallengeAuthFailure() throws Exception {
        try (Listener listener = new Listener(AUTHKEY)) {
            String[] hostPort = listener.address().split(":");
            try (Socket s = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
                s.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
                DataInputStream in = new DataInputStream(s.getInputStream());
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                readFrame(in); // the listener's challenge
                writeFrame(out, ascii("something bogus"));
                assertArrayEquals(ascii("#FAILURE#"), readFrame(in), "the listener rejects the answer");
                assertEquals(-1, in.read(), "and hangs up");
            }
            // the refused peer never reaches accept: an honest client is the next one accepted
            try (Connection c = Client.connect(listener.address(), AUTHKEY); Connection d = listener.accept()) {
                c.send("honest");
                assertEquals("honest", d.recv());
            }
        }
    }

    @Test
    void testAnswerChallengeAuthFailure() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread peer = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    DataOutputStream out = new DataOutputStream(s.getOutputStream());
                    writeFrame(out, ascii("#CHALLENGE#{sha256}" + "x".repeat(40)));
                    readFrame(in); // the client's answer
                    writeFrame(out, ascii("something bogus")); // where #WELCOME# belongs
                    in.read();
                } catch (Exception ignored) {
                    // the client hangs up once it has refused the verdict
                }
            });
            peer.start();
            assertRaises(AUTHENTICATION_ERROR, () -> Client.connect("127.0.0.1:" + server.getLocalPort(), AUTHKEY));
            peer.join(Duration.ofSeconds(60).toMillis());
        }
    }
}
