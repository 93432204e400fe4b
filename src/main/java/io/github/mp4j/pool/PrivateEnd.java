package io.github.mp4j.pool;

import io.github.mp4j.handles.EndpointRef;
import io.github.mp4j.handles.Fifo;
import io.github.mp4j.platform.NotYetPortable;
import io.github.mp4j.platform.Transport;
import io.github.mp4j.wire.Endpoint;
import io.github.mp4j.wire.Frames;
import io.github.mp4j.wire.Parts;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectStreamException;
import java.io.OutputStream;
import java.io.Serializable;

/**
 * One end of the pipe between a pool and one of its worker JVMs: framed messages as on a
 * {@link io.github.mp4j.Connection}, but read ahead and written in batches.
 *
 * <p>Why not a Connection: a Connection reads exactly one header and one payload per message,
 * because its end may travel into other processes, and a buffer would take messages meant for
 * another holder. A pool's pipe has exactly two holders, the pool and the worker it started, and
 * neither end goes anywhere else (the worker's copy travels once, inside its {@link WorkerLoop}, and
 * the pool closes its own copy of that end right after the start). So each side may read whatever
 * the pipe holds in one system call, and the pool may write several queued items in one.
 *
 * <p>Used by one reading thread and one writing thread; {@link #send} does not flush: call
 * {@link #flush} once a batch is written.
 */
final class PrivateEnd implements Serializable, Parts, AutoCloseable {

    private static final long serialVersionUID = 1L;
    /** Read-ahead and write-batch size: the pipe's own capacity on Linux. */
    private static final int BUFFER = 64 * 1024;

    private final transient Endpoint endpoint;
    private final transient InputStream in;
    private final transient OutputStream out;

    private PrivateEnd(Endpoint endpoint) {
        this.endpoint = endpoint;
        this.in = new BufferedInputStream(endpoint.input(), BUFFER);
        this.out = new BufferedOutputStream(endpoint.output(), BUFFER);
    }

    /** The worker's copy, opened from {@link #parts()} as its task is rebuilt. */
    private PrivateEnd(Object[] parts) throws IOException {
        this(((Endpoint.Reference) parts[0]).open());
    }

    /** A duplex pipe's two ends: the pool's, and the worker's (to be captured in its task). */
    static PrivateEnd[] pipe() throws IOException {
        if (Transport.current() != Transport.LINUX) {
            // a socket would need its reads apart from the task's thread: an interrupt closes a channel
            throw new NotYetPortable("a Pool's worker pipe");
        }
        Fifo[] ends = Fifo.pipe(true);
        return new PrivateEnd[] {new PrivateEnd(ends[0]), new PrivateEnd(ends[1])};
    }

    /**
     * The next message.
     *
     * @throws EOFException when the other side's every copy is closed and nothing is left
     * @throws io.github.mp4j.wire.TruncatedMessage when the writer died mid-message
     * @throws io.github.mp4j.wire.BadMessageLength for a length no writer could have sent
     */
    byte[] recv() throws IOException {
        byte[] message = Frames.read(in);
        if (message == null) {
            throw new EOFException("end of file: the other side of the pool's pipe has closed");
        }
        return message;
    }

    /** Whether a receive would find bytes without waiting (or end of file). */
    boolean ready() throws IOException {
        return in.available() > 0;
    }

    /** Writes one message into the batch; it reaches the pipe at {@link #flush} or when the batch is full. */
    void send(byte[] buf, int offset, int size) throws IOException {
        Frames.writeUnflushed(out, buf, offset, size);
    }

    void flush() throws IOException {
        out.flush();
    }

    /** Sends one message at once. */
    void sendNow(byte[] message) throws IOException {
        send(message, 0, message.length);
        flush();
    }

    @Override
    public void close() throws IOException {
        endpoint.close();
    }

    /* The worker's end travels once, in its task; the worker opens its own copy as the task is read. */

    @Override
    public Object[] parts() throws IOException {
        return new Object[] {endpoint.reference()};
    }

    private Object writeReplace() throws ObjectStreamException {
        return new Ref(endpoint);
    }

    private static final class Ref extends EndpointRef {
        private static final long serialVersionUID = 1L;

        Ref(Endpoint endpoint) throws ObjectStreamException {
            super(endpoint, "a pool's pipe");
        }

        @Override
        protected Object rebuild(Endpoint opened) {
            return new PrivateEnd(opened);
        }
    }
}
