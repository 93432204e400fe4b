package io.github.mp4j;

import io.github.mp4j.wire.AddressSyntax;
import io.github.mp4j.wire.SocketEndpoint;

import java.io.IOException;
import java.time.Duration;

/**
 * Connects to a {@link Listener} and returns an authenticated {@link Connection}. Python's
 * {@code multiprocessing.connection.Client}.
 *
 * <pre>{@code
 * byte[] key = "secret".getBytes(StandardCharsets.UTF_8);
 * try (Connection conn = Client.connect("127.0.0.1:6000", key)) {   // or "/tmp/app.sock"
 *     conn.send(List.of(1, 2, 3));
 *     Object reply = conn.recv();
 * }
 * }</pre>
 *
 * <p>The listener and the client each prove to the other that they hold {@code authkey} before any
 * message is read, so neither side deserializes anything from a peer that does not hold the key.
 */
public final class Client {

    /** How long the listener may take to complete the handshake once connected. */
    private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(20);

    private Client() {}

    /**
     * Connects to {@code address} ({@code "host:port"}, or a UNIX-domain socket path; the syntax of
     * {@link Listener#Listener(String, byte[])}) and authenticates both ways.
     *
     * @throws NullPointerException "address is required", "authkey is required"
     * @throws IllegalArgumentException "authkey must not be empty", or "invalid address: ..."
     * @throws AuthenticationError "digest sent was rejected" when the listener holds another key;
     *         "digest received was wrong" when the listener's answer to our challenge is wrong; or a
     *         handshake that fails otherwise or stays unanswered for 20 seconds
     * @throws java.net.ConnectException when nothing listens at {@code address}
     */
    public static Connection connect(String address, byte[] authkey) throws IOException {
        var parsed = AddressSyntax.parse(address);
        byte[] key = Listener.checkAuthkey(authkey);
        SocketEndpoint endpoint = SocketEndpoint.connect(parsed);
        endpoint.authenticate(key, AUTH_TIMEOUT);
        return new Connection(endpoint);
    }
}
