package io.github.mp4j.wire;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;

/**
 * The byte transport under a {@code Connection}: a FIFO pair, a socket. Framing, validation and
 * serialization live in {@code Connection}; an endpoint only moves bytes.
 */
public interface Endpoint extends Closeable {

    /**
     * The stream to read from, or null when this endpoint cannot receive or receives whole frames
     * only (through its {@link #frameInput()}).
     */
    InputStream input();

    /**
     * Where a {@code Connection} receives whole frames from, or null when this endpoint cannot
     * receive. By default straight from {@link #input()}, which only this process reads.
     */
    default FrameInput frameInput() {
        InputStream in = input();
        return in == null ? null : new StreamFrameInput(in);
    }

    /**
     * The stream to write to, or null when this endpoint cannot send or sends whole frames only
     * (through its {@link #frameOutput()}).
     */
    OutputStream output();

    /**
     * Where a {@code Connection} sends whole frames, or null when this endpoint cannot send. By
     * default straight into {@link #output()}.
     */
    default FrameOutput frameOutput() {
        OutputStream out = output();
        return out == null ? null : (buf, offset, size) -> Frames.write(out, buf, offset, size);
    }

    /**
     * Frees what {@link #close()} leaves because a send or receive under way in another thread may
     * still touch it (memory shared with the endpoint's other holders). Called once, after
     * {@code close()}, when no call on the endpoint is under way any more; never for an endpoint
     * closed by the garbage collector, whose leftovers the collector frees in turn. By default nothing.
     */
    default void release() {
    }

    /** The operating system's descriptor number of this endpoint in this process. */
    int fileno();

    /**
     * What travels in place of this endpoint when a task carrying it is sent to another process.
     * Opening the returned reference there gives that process its own copy of the endpoint.
     *
     * @throws java.io.NotSerializableException when this kind of endpoint cannot travel
     */
    Reference reference() throws IOException;

    /** A serializable description of an endpoint that the receiving process opens for itself. */
    interface Reference extends Serializable {
        Endpoint open() throws IOException;
    }
}
