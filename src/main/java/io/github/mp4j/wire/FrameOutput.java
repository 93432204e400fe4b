package io.github.mp4j.wire;

import java.io.IOException;

/**
 * Where a {@code Connection} sends whole frames (see {@link Frames}): by default straight into the
 * endpoint's output stream; a pipe's end may carry large payloads another way.
 *
 * <pre>{@code
 * FrameOutput frames = endpoint.frameOutput();
 * frames.write(payload, 0, payload.length);   // one message, received whole by one recv
 * }</pre>
 *
 * The caller makes sure that only one thread of a process writes to one output at a time.
 */
@FunctionalInterface
public interface FrameOutput {

    /**
     * Sends {@code size} bytes of {@code buf} from {@code offset} as one message.
     *
     * @throws IOException a message larger than {@link Frames#maxMessageBytes()}, "Broken pipe"
     */
    void write(byte[] buf, int offset, int size) throws IOException;
}
