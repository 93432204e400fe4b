package io.github.mp4j;

import io.github.mp4j.handles.Cleanup;
import io.github.mp4j.wire.AddressSyntax;
import io.github.mp4j.wire.Gatekeeper;
import io.github.mp4j.wire.SocketEndpoint;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
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
 * <p>Clients are authenticated as they arrive, by one thread per listener that runs all their
 * handshakes at once, whether or not a thread is in {@link #accept} yet; {@code accept} takes the
 * next client that has proved it holds the key. So a connection that never speaks, or speaks slowly,
 * delays nobody. Until it has answered the challenge a client costs its socket and a few hundred
 * bytes, and is closed after {@linkplain #setAuthTimeout the authentication timeout}; at most 128
 * such clients are kept (beyond that, newcomers wait in the socket's backlog until the oldest one has
 * had a second, and it is closed to make room). Python's listener authenticates inside
 * {@code accept()}, one client at a time, so there one silent connection stalls every other client.
 *
 * <p>Several threads may call {@link #accept} at once; each gets a different client. One difference
 * from a {@link Pipe}: interrupting a thread blocked in a receive or send on a socket connection
 * closes that connection (Java's socket channels work that way); the interrupted call raises
 * {@link java.io.InterruptedIOException}. Use {@link Connection#poll(Duration)} to wait with a bound.
 */
public final class Listener implements AutoCloseable {


    private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(20);

    private final Gatekeeper gatekeeper;
    private final String address;
    private final Cleaner.Cleanable cleanable;
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
        byte[] key = checkAuthkey(authkey);
        boolean unix = parsed instanceof UnixDomainSocketAddress;
        ServerSocketChannel server = ServerSocketChannel.open(unix ? StandardProtocolFamily.UNIX
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
        Path path = unix ? Path.of(this.address) : null;
        Object fileKey = unix ? fileKeyOf(path) : null;
        try {
            this.gatekeeper = new Gatekeeper(server, key, AUTH_TIMEOUT, Listener.class.getName());
        } catch (IOException | RuntimeException e) {
            new Release(server, path, fileKey).run();
            throw e;
        }
        this.cleanable = Cleanup.whenUnreachable(this, new Release(gatekeeper, path, fileKey));
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
     * Waits without bound for the next authenticated client and returns the connection to it.
     * Python's {@code Listener.accept()}, with one deviation: a client that fails authentication
     * (wrong key, garbage, hang-up, no answer within {@link #setAuthTimeout the authentication
     * timeout}) never reaches this method. Its socket is closed, it gets its own
     * {@link AuthenticationError}, and the failure is logged at {@code DEBUG} to the
     * {@link System.Logger} named {@code io.github.mp4j.Listener}; this call goes on waiting for a
     * good client. (Python raises the failure here, so anyone who can connect can make a server's
     * accept loop fail.)
     *
     * @throws IOException "listener is closed" when the listener was closed before or during the wait
     * @throws java.io.InterruptedIOException if this thread is interrupted while waiting (its
     *         interrupt status is set again); the listener stays open
     */
    public Connection accept() throws IOException {
        if (closed) {
            throw new IOException("listener is closed");
        }
        SocketEndpoint endpoint = gatekeeper.take();
        try {
            lastAccepted = endpoint.peerAddress();
            return new Connection(endpoint);
        } catch (IOException | RuntimeException e) {
            endpoint.close();
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
     * How long an arriving client has, from its connection, to answer the authentication challenge
     * before it is closed (default 20 seconds, as long as {@link Client#connect} waits for us); applies
     * to the clients whose handshake is under way too. Python has no such bound, so a client that
     * connects and stays silent blocks its {@code accept()} forever; here it costs its socket until
     * this timeout, and delays no one.
     *
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public void setAuthTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        gatekeeper.setDeadline(timeout);
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops listening; a thread blocked in {@link #accept} gets "listener is closed". Clients whose
     * handshake is under way, or done but not yet accepted, are closed, and so is the listening socket,
     * before this method returns. A UNIX socket file this listener created is deleted (unless another
     * one has replaced it since). Connections already accepted stay open. Closing twice is harmless.
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
    private record Release(AutoCloseable socket, Path path, Object fileKey) implements Runnable {
        @Override
        public void run() {
            try {
                socket.close(); // a gatekeeper's close returns once its thread has closed the socket
            } catch (Exception ignored) {
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
