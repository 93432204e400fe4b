package io.github.mp4j.wire;

import java.io.IOException;

/**
 * The stream ended inside a frame: the writer died (or closed its end) mid-message. Python's
 * {@code OSError("got end of file during message")}, with the same text.
 *
 * <p>Not an {@link java.io.EOFException}: that one means every copy of the peer end was closed
 * between messages. After this failure the stream is at its end, not out of step, so the next
 * receive raises {@code EOFException}, as in Python ({@code Connection} branches on this type).
 */
public final class TruncatedMessage extends IOException {

    private static final long serialVersionUID = 1L;

    public TruncatedMessage() {
        super("got end of file during message");
    }
}
