package io.github.mp4j.wire;

import io.github.mp4j.AuthenticationError;

import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.io.InterruptedIOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A connected TCP or UNIX-domain socket as an {@link Endpoint}, for {@code Listener} and
 * {@code Client}.
 *
 * <p>Implementation overview. Both families go through a blocking {@link SocketChannel}, the only
 * Java type that speaks UNIX-domain sockets. The streams are our own rather than
 * {@code Channels.newInputStream/newOutputStream}, whose reads and writes share one lock in Java 17,
 * so a thread waiting for a message would stall every send. Reads and writes move at most
 * {@link #CHUNK} bytes per call because the JDK copies a heap buffer into a cached direct buffer of
 * the same size; unbounded, one 256 MiB message would pin 256 MiB of native memory per thread.
 *
 * <p>A read that finds nothing buffered may first poll the socket for a short while, as long as such
 * polls keep catching data ({@link SpinPolicy}): a reply that comes within tens of microseconds is then
 * taken without the wake-up that costs most of a small round trip.
 *
 * <p>A socket connection cannot travel into a child process: the child would need the descriptor,
 * and Java cannot pass one. {@link #reference()} says so. Like every NIO channel, the socket is
 * closed when a thread blocked on it is interrupted.
 */
public final class SocketEndpoint implements Endpoint {

    private static final int CHUNK = 256 * 1024;
    private static final int READ_AHEAD = 16 * 1024;
    /** Closes sockets whose handshake overran its time; one daemon thread for the whole JVM. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mp4j-auth-timeout");
        t.setDaemon(true);
        return t;
    });

    private final SocketChannel channel;
    private final int fd;
    /** Held by a write, and by a read while it polls; see {@link In#poll}. */
    private final ReentrantLock writing = new ReentrantLock();
    private final SpinPolicy spin = new SpinPolicy();
    private final InputStream in = new In();
    private final OutputStream out = new Out();

    /** {@code channel} must be connected and blocking; {@code fd} is its descriptor number, or -1. */
    SocketEndpoint(SocketChannel channel, int fd) {
        this.channel = channel;
        this.fd = fd;
    }

    /** Connects to {@code address} (TCP or UNIX). */
    public static SocketEndpoint connect(SocketAddress address) throws IOException {
        boolean unix = address instanceof UnixDomainSocketAddress;
        Map<Integer, Long> before = unix ? SocketDescriptor.snapshot() : null;
        SocketChannel channel = SocketChannel.open(unix ? StandardProtocolFamily.UNIX : familyOf(address));
        try {
            channel.connect(address);
            return new SocketEndpoint(channel, unix ? SocketDescriptor.ofUnix(before, null) : tcpSetup(channel));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static StandardProtocolFamily familyOf(SocketAddress address) {
        return ((java.net.InetSocketAddress) address).getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    private static int tcpSetup(SocketChannel channel) throws IOException {
        noDelay(channel);
        return SocketDescriptor.ofTcp(channel);
    }

    /**
     * Turns Nagle's algorithm off on a TCP socket: messages are written whole (header and payload
     * flushed together), so it would only delay the small request/reply exchanges that dominate, as
     * in Python's connection module.
     */
    static void noDelay(SocketChannel channel) throws IOException {
        channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
    }

    /**
     * Runs the connecting side of the mutual HMAC handshake on this fresh socket (the accepting side
     * is the {@link Gatekeeper}'s). Every failure, wrong key, garbage, disconnect, or no answer within
     * {@code timeout}, is an {@link AuthenticationError}; on failure the socket is closed.
     */
    public void authenticate(byte[] authkey, Duration timeout) throws IOException {
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> alarm = WATCHDOG.schedule(() -> {
            timedOut.set(true);
            closeQuietly();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            Handshake.connect(in, out, authkey);
        } catch (IOException e) {
            closeQuietly();
            if (timedOut.get()) {
                throw new AuthenticationError("no answer from the peer within " + timeout.toMillis()
                        + " ms during authentication");
            }
            if (e instanceof AuthenticationError) {
                throw e;
            }
            AuthenticationError failure = new AuthenticationError(
                    "protocol error during authentication: " + e.getMessage());
            failure.initCause(e);
            throw failure;
        } finally {
            alarm.cancel(false);
        }
        if (timedOut.get()) { // the alarm fired just as the handshake finished: the socket is gone
            throw new AuthenticationError("no answer from the peer within " + timeout.toMillis()
                    + " ms during authentication");
        }
    }

    /**
     * The peer's address in {@link AddressSyntax} form: {@code "host:port"} for TCP; for a UNIX
     * socket the peer's path, which is {@code ""} for a client that did not bind one (the usual case).
     */
    public String peerAddress() throws IOException {
        return AddressSyntax.format(channel.getRemoteAddress());
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() {
        return out;
    }

    /** The socket's descriptor number in this process, or -1 if /proc could not tell it apart. */
    @Override
    public int fileno() {
        return fd;
    }

    @Override
    public Reference reference() throws IOException {
        throw new NotSerializableException("a Connection made by Listener or Client cannot be sent to another"
                + " process (a socket's descriptor cannot be handed to a child JVM); connect there with Client.connect");
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the descriptor is released even when close reports an error
        }
    }

    /** NIO's closed-channel exceptions carry no message; say what happened and what it means. */
    private static IOException explain(ClosedChannelException e) {
        IOException clear = e instanceof ClosedByInterruptException
                ? new InterruptedIOException("interrupted while blocked on a socket connection,"
                        + " which closes it (NIO semantics): open a new connection")
                : e instanceof AsynchronousCloseException
                        ? new IOException("the socket connection was closed while in use")
                        : new IOException("the socket connection is closed (an earlier interrupt or timeout closed it)");
        clear.initCause(e);
        return clear;
    }

    /**
     * Reads ahead: one system call usually brings a message's header and payload together, which
     * saves a third of a small request/reply round trip. Safe here, unlike on a pipe, because a socket
     * end never leaves its process, so bytes read beyond a message are still ours. Reads are never
     * concurrent: a Connection serializes them.
     */
    private final class In extends InputStream {
        private final ByteBuffer ahead = ByteBuffer.allocateDirect(READ_AHEAD).flip();

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            try {
                if (!ahead.hasRemaining()) {
                    if (len >= READ_AHEAD) { // a big payload: straight into the caller's array
                        return channel.read(ByteBuffer.wrap(b, off, Math.min(len, CHUNK)));
                    }
                    // filled through a view, so that while the read blocks (or after it fails)
                    // the buffer still says it is empty: available() and the next read stay right
                    ByteBuffer view = ahead.duplicate().clear();
                    int n = spin.shouldPoll() ? poll(view) : 0;
                    if (n == 0) {
                        n = channel.read(view);
                    }
                    if (n <= 0) {
                        return n;
                    }
                    ahead.limit(n).position(0);
                }
                int n = Math.min(len, ahead.remaining());
                ahead.get(b, off, n);
                return n;
            } catch (ClosedChannelException e) {
                throw explain(e);
            }
        }

        @Override
        public int available() {
            return ahead.remaining();
        }

        /**
         * Reads what arrives within {@link SpinPolicy#SPIN_NANOS} without sleeping, yielding the CPU
         * to whoever else is ready to run meanwhile (the peer, perhaps); 0 if nothing arrived. The
         * socket is non-blocking only meanwhile, and only while no write is under way: a write that
         * found it non-blocking could not wait for room, and a blocked write would hold the mode
         * switch until the peer reads, which may be never if the peer is itself writing to us. So a
         * write waits for a poll (at most that long), and a poll does not start during a write.
         */
        private int poll(ByteBuffer view) throws IOException {
            if (!writing.tryLock()) {
                return 0;
            }
            long start = System.nanoTime();
            try {
                channel.configureBlocking(false);
                try {
                    do {
                        int n = channel.read(view);
                        if (n != 0) {
                            spin.polled(true);
                            return n;
                        }
                        Thread.yield();
                    } while (System.nanoTime() - start < SpinPolicy.SPIN_NANOS);
                    spin.polled(false);
                    return 0;
                } finally {
                    blockingAgain();
                }
            } finally {
                writing.unlock();
            }
        }

        /** A close meanwhile is left for the caller's next use to report, so it cannot hide an interrupt. */
        private void blockingAgain() throws IOException {
            try {
                channel.configureBlocking(true);
            } catch (ClosedChannelException closed) {
                // the read in flight, or the next one, reports it
            }
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            writing.lock();
            try {
                while (buf.hasRemaining()) {
                    int end = buf.position() + Math.min(buf.remaining(), CHUNK);
                    ByteBuffer slice = buf.duplicate().limit(end);
                    channel.write(slice);
                    buf.position(slice.position());
                }
            } catch (ClosedChannelException e) {
                throw explain(e);
            } finally {
                writing.unlock();
            }
        }
    }
}
