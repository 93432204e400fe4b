package io.github.mp4j;

import io.github.mp4j.handles.Fifo;
import io.github.mp4j.handles.PortableEnd;
import io.github.mp4j.platform.Transport;
import io.github.mp4j.wire.Endpoint;

import java.io.IOException;

/**
 * A pair of connected {@link Connection}s between processes. Python's {@code multiprocessing.Pipe}.
 *
 * <pre>{@code
 * Pipe pipe = Pipe.open();            // duplex: both ends send and receive
 * Pipe oneWay = Pipe.open(false);     // conn1 only receives, conn2 only sends
 * }</pre>
 *
 * Create the pipe before the {@link Process} that uses it, and capture the end the child needs in
 * its task. Each direction is an operating-system FIFO that every holding process reopens for
 * itself, so end-of-file and broken-pipe behave exactly as with Python's pipes. Each reading end
 * reads ahead into a buffer that all its holders share, so any holder receives the next message.
 * Messages from 16 KiB up to 1 MiB travel through shared memory beside that buffer, the FIFO
 * carrying only their place in the order, and the processes sending on one end take turns: a
 * message is received whole even when several processes send large messages at once.
 *
 * <p>On macOS and Windows (or with {@code -Dmp4j.transport=portable}) every copy of an end is
 * instead a UNIX-domain socket connection to the JVM that created the pipe, which counts the copies
 * and hands each message to one receiving copy: the same semantics (end of file once every copy of
 * the peer end in every process is closed, whole messages), at the cost of a relay.
 */
public final class Pipe {

    private final Connection conn1;
    private final Connection conn2;

    private Pipe(Connection conn1, Connection conn2) {
        this.conn1 = conn1;
        this.conn2 = conn2;
    }

    /** Opens a duplex pipe. */
    public static Pipe open() throws IOException {
        return open(true);
    }

    /**
     * Opens a pipe; with {@code duplex} false, {@link #conn1()} can only receive and
     * {@link #conn2()} can only send.
     */
    public static Pipe open(boolean duplex) throws IOException {
        Endpoint[] ends = Transport.current() == Transport.LINUX ? Fifo.pipeWithReadAhead(duplex)
                : PortableEnd.pipe(duplex);
        return new Pipe(new Connection(ends[0]), new Connection(ends[1]));
    }

    /** The first end (the receiving end of a one-way pipe). */
    public Connection conn1() {
        return conn1;
    }

    /** The second end (the sending end of a one-way pipe). */
    public Connection conn2() {
        return conn2;
    }
}
