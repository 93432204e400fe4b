package io.github.mp4j;

import io.github.mp4j.wire.AddressSyntax;
import io.github.mp4j.wire.SocketEndpoint;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;

/**
 * A bound socket that accepts authenticated {@link Connection}s from {@link Client#connect}.
 * Python's {@code multiprocessing.connection.Listener}.
 *
 * <pre>{@code
 * byte[] key = "secret".getBytes(StandardCharsets.UTF_8);
 * try (Listener listener = new Listener("127.0.0.1:0", key)) {
 *     String address = listener.address();           // e.g. "127.0.0.1:41234"
 *     // in another thread, process or host:
 *     //   try (Connection c = Client.connect(address, key)) { c.send("hello"); }
 *     try (Connection conn = listener.accept()) {
 *         System.out.println(conn.recv());            // hello
 *     }
 * }
 * }</pre>
 *
 * <p>Addresses are strings: {@code "host:port"} for TCP, or a path for a UNIX-domain socket (a
 * string that starts with {@code /} or {@code .}, or has no colon); see {@link #Listener(String, byte[])}.
 * Without an address, or with an empty host, the listener binds to loopback only; naming a host is the
 * only way to accept connections from other machines.
 *
 * <p>Authentication: every accepted client must prove it holds {@code authkey}, and must check that
 * the listener holds it too (mutual HMAC-SHA256 challenge, compared in constant time), before a single
 * message is read, so nothing from an unauthenticated peer is ever deserialized. Unlike Python, the
 * authkey is required: Python's {@code authkey=None} accepts anyone, and a socket that deserializes
 * what anyone sends runs what anyone sends. A Connection obtained here cannot be passed to a child
 * {@link Process}; a child connects with {@link Client#connect} itself.
 *
 * <p>Several threads may call {@link #accept} at once; each gets a different client. One difference
 * from a {@link Pipe}: interrupting a thread blocked in a receive or send on a socket connection
 * closes that connection (Java's socket channels work that way); the interrupted call raises
 * {@link java.io.InterruptedIOException}. Use {@link Connection#poll(Duration)} to wait with a bound.
 */
public final class Listener implements AutoCloseable {

    private static final Cleaner CLEANER = Cleaner.create();

    private final ServerSocketChannel server;
    private final String address;
    private final byte[] authkey;
    private final Cleaner.Cleanable cleanable;
    private volatile Duration authTimeout = Duration.ofSeconds(20);
    private volatile boolean closed;
    private volatile String lastAccepted;

    /** Listens on a free TCP port of the loopback interface; see {@link #address()}. */
    public Listener(byte[] authkey) throws IOException {
        this(AddressSyntax.format(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), authkey);
    }

    /**
     * Listens at {@code address}: {@code "host:port"} (port 0 picks a free port; an empty host means
     * loopback) or a UNIX-domain socket path, which must not exist yet and is deleted by {@link #close()}.
     *
     * @param authkey the shared secret clients must prove they hold; copied, so later changes to the
     *        array do not matter
     * @throws NullPointerException "address is required", "authkey is required"
     * @throws IllegalArgumentException "authkey must not be empty", or "invalid address: ..."
     * @throws BindException "Address already in use: ..." when another socket (or file) holds it
     * @throws IOException "cannot listen at ...", for example when a UNIX path's directory is missing
     */
    public Listener(String address, byte[] authkey) throws IOException {
        SocketAddress parsed = AddressSyntax.parse(address);
        this.authkey = checkAuthkey(authkey);
        boolean unix = parsed instanceof UnixDomainSocketAddress;
        this.server = ServerSocketChannel.open(unix ? StandardProtocolFamily.UNIX
                : ((InetSocketAddress) parsed).getAddress() instanceof java.net.Inet6Address
                        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            server.bind(parsed);
        } catch (IOException e) {
            server.close();
            // the JDK's messages ("Address already in use") do not say which address
            if (e instanceof BindException) {
                BindException failure = new BindException(e.getMessage() + ": " + address);
                failure.initCause(e);
                throw failure;
            }
            throw new IOException("cannot listen at " + address + ": " + e.getMessage(), e);
        }
        this.address = AddressSyntax.format(server.getLocalAddress());
        Object fileKey = unix ? fileKeyOf(Path.of(this.address)) : null;
        this.cleanable = CLEANER.register(this, new Release(server, unix ? Path.of(this.address) : null, fileKey));
    }

    /** Validates and copies an authkey, for Listener and Client alike. */
    static byte[] checkAuthkey(byte[] authkey) {
        Objects.requireNonNull(authkey, "authkey is required");
        if (authkey.length == 0) {
            throw new IllegalArgumentException("authkey must not be empty");
        }
        return authkey.clone();
    }

    /**
     * Waits for the next client, authenticates it, and returns the connection to it. Waits without
     * bound for a client to arrive; once one has, its handshake must finish within
     * {@link #setAuthTimeout the authentication timeout}. A client that fails (wrong key, garbage,
     * disconnect, silence) costs only its own connection: the listener stays open for the next one.
     *
     * @throws AuthenticationError "digest received was wrong" when the client's key differs, or
     *         another handshake failure; the client's socket is closed
     * @throws IOException "listener is closed" when the listener was closed before or during the wait
     */
    public Connection accept() throws IOException {
        if (closed) {
            throw new IOException("listener is closed");
        }
        SocketEndpoint endpoint;
        try {
            endpoint = SocketEndpoint.accept(server, SocketEndpoint.socketsBefore());
        } catch (ClosedChannelException e) { // AsynchronousCloseException too: closed during the wait
            throw new IOException("listener is closed", e);
        }
        try {
            String peer = endpoint.peerAddress();
            endpoint.authenticate(true, authkey, authTimeout);
            lastAccepted = peer;
            return new Connection(endpoint);
        } catch (IOException | RuntimeException e) {
            endpoint.close(); // a failed client must not hold a descriptor until the collector runs
            throw e;
        }
    }

    /**
     * The address of the client of the last successful {@link #accept}, or null before the first:
     * {@code "host:port"} over TCP, {@code ""} for a UNIX-socket client (clients have no path).
     * Python's {@code Listener.last_accepted}.
     */
    public String lastAccepted() {
        return lastAccepted;
    }

    /** The bound address, in the form {@link Client#connect} takes: the real port when 0 was asked. */
    public String address() {
        return address;
    }

    /**
     * How long an arriving client may take to complete authentication before {@link #accept} gives up
     * on it (default 20 seconds). Python has no such bound, so a client that connects and stays silent
     * blocks its {@code accept()} forever; here it fails with {@link AuthenticationError}.
     *
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public void setAuthTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.authTimeout = timeout;
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops listening; a thread blocked in {@link #accept} gets "listener is closed". A UNIX socket file
     * this listener created is deleted (unless another one has replaced it since). Connections already
     * accepted stay open. Closing twice is harmless.
     */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            cleanable.clean();
        }
    }

    @Override
    public String toString() {
        return "Listener[" + address + (closed ? ", closed" : "") + "]";
    }

    private static Object fileKeyOf(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Closes the socket and removes its file when the Listener is closed or collected. */
    private record Release(ServerSocketChannel server, Path path, Object fileKey) implements Runnable {
        @Override
        public void run() {
            try {
                server.close();
            } catch (IOException ignored) {
                // the descriptor is released even when close reports an error
            }
            // only our own file: another listener may have bound the same path after an unlink
            if (path != null && fileKey != null && fileKey.equals(fileKeyOf(path))) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // the directory became read-only or vanished: nothing left to clean
                }
            }
        }
    }
}
