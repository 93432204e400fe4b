package io.github.mp4j;

import java.io.IOException;

/**
 * Thrown by {@link Connection#recvBytesInto(byte[], int)} when the message does not fit in the
 * buffer. The message has been consumed and is carried whole by {@link #message()}; the connection
 * stays usable. Python's {@code multiprocessing.BufferTooShort}.
 */
public class BufferTooShort extends IOException {
    private static final long serialVersionUID = 1L;

    private final byte[] message;

    public BufferTooShort(byte[] message) {
        super("message of " + message.length + " bytes does not fit in the buffer");
        this.message = message;
    }

    /** The complete message that did not fit. */
    public byte[] message() {
        return message.clone();
    }
}
