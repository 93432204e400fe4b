package io.github.mp4j;

import java.io.IOException;

/**
 * Thrown when the HMAC-SHA256 challenge fails: the peer does not hold the same authkey, or it does not
 * speak the handshake. Nothing the peer sent has been deserialized. {@link Client#connect} throws it;
 * a {@link Listener} closes such a client and logs the failure instead of throwing it from
 * {@link Listener#accept()}. Python's {@code multiprocessing.AuthenticationError}; here an
 * {@link IOException}, since it ends a connection attempt.
 */
public class AuthenticationError extends IOException {
    private static final long serialVersionUID = 1L;

    public AuthenticationError(String message) {
        super(message);
    }
}
