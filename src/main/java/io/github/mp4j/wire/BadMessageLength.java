package io.github.mp4j.wire;

import java.io.IOException;

/**
 * A frame announced a length no sender could have written (negative, over
 * {@code mp4j.maxMessageBytes}, a shared-payload descriptor out of range), or a message is longer
 * than a receive allows. Python's {@code OSError("bad message length")}: the message text starts
 * with those words, as Python's does.
 *
 * <p>What follows on the stream has no known meaning, so an end that sees this refuses further
 * receives ({@code Connection} branches on this type).
 */
public final class BadMessageLength extends IOException {

    private static final long serialVersionUID = 1L;

    /** Python's text alone. */
    public BadMessageLength() {
        super("bad message length");
    }

    /** Python's text, then {@code detail} after a colon. */
    public BadMessageLength(String detail) {
        super("bad message length: " + detail);
    }
}
