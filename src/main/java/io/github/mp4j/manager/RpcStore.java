package io.github.mp4j.manager;

import io.github.mp4j.SerializableCallable;
import io.github.mp4j.handles.ProcessWatch;
import io.github.mp4j.wire.AddressSyntax;

import java.io.IOException;
import java.util.Arrays;

/**
 * The client side of a manager server: encodes each call as one request, sends it over this thread's
 * connection to the server (or straight to the server when it runs in this JVM) and decodes the
 * reply. Serializable: it is only an address and an authkey; connections are made where it is used.
 */
public final class RpcStore implements SharedStore {

    private static final long serialVersionUID = 1L;

    private final String address;
    private final byte[] authkey;
    private transient volatile Channels channels;
    /** The watch of the server's process that mapped locks share, or null; guarded by this. */
    private transient ProcessWatch serverWatch;
    /** Whether {@link #close()} has run: no watch is opened any more; guarded by this. */
    private transient boolean closed;

    public RpcStore(String address, byte[] authkey) {
        this.address = address;
        this.authkey = authkey.clone();
    }

    public String address() {
        return address;
    }

    @Override
    public long create(String typeid, Object... args) throws Exception {
        return (Long) Requests.result(send(Requests.named(Requests.CREATE, typeid, args)));
    }

    @Override
    public Object call(long id, String method, Object... args) throws Exception {
        return Requests.result(send(Requests.call(id, method, args)));
    }

    @Override
    public void register(String typeid, SerializableCallable<?> factory) throws Exception {
        Requests.result(send(Requests.named(Requests.REGISTER, typeid, new Object[] {factory})));
    }

    /** Asks the server to stop; its reply comes before it closes the connections. */
    public void shutdown() throws Exception {
        Requests.result(send(Requests.shutdown()));
    }

    /** Opens a connection in the background for this process's first call (see {@code Channels}). */
    public void prepareConnection() {
        if (RpcServer.inThisJvm(address, authkey) == null) {
            channels().prepareSpare();
        }
    }

    /** Whether this thread can reach the server without making a connection first. */
    public boolean connected() {
        return RpcServer.inThisJvm(address, authkey) != null || channels().connected();
    }

    /**
     * Whether the server is another process reached through a UNIX socket, hence on this host: its
     * shared memory may then be mapped here (see {@code MappedAcquirer}).
     */
    boolean isLocalSocket() {
        return AddressSyntax.isUnixPath(address) && RpcServer.inThisJvm(address, authkey) == null;
    }

    /** Closes this thread's connection to the server, if it has one. */
    public void disconnect() {
        channels().closeMine();
    }

    /**
     * The watch of the server's process, whose token is {@code server}, for the locks that this
     * store's proxies map (see {@code MappedAcquirer}); null once this store is closed, when such a
     * lock must go through requests. Opened once per server process, closed by {@link #close()}.
     */
    synchronized ProcessWatch serverWatch(long server) {
        if (closed) {
            return null;
        }
        if (serverWatch != null && serverWatch.token() != server) {
            serverWatch.close(); // a new server at the same address: the old one's watch is no use
            serverWatch = null;
        }
        if (serverWatch == null) {
            serverWatch = ProcessWatch.open(server);
        }
        return serverWatch;
    }

    /**
     * What a manager's {@code close()} does to its store: closes this thread's connection and the
     * watch of the server's process. Proxies go on working through requests; a lock mapped already
     * checks the server's liveness by reading {@code /proc} afresh.
     */
    public void close() {
        ProcessWatch watch;
        synchronized (this) {
            closed = true;
            watch = serverWatch;
            serverWatch = null;
        }
        if (watch != null) {
            watch.close();
        }
        disconnect();
    }

    private byte[] send(byte[] request) throws IOException {
        RequestHandler local = RpcServer.inThisJvm(address, authkey);
        if (local != null) {
            return local.handle(request, null);
        }
        try {
            return channels().roundTrip(request);
        } catch (IOException e) {
            throw new Unreachable(e);
        }
    }

    private Channels channels() {
        Channels c = channels;
        if (c == null) {
            c = channels = Channels.of(address, authkey);
        }
        return c;
    }

    @Override
    public String describe() {
        return "the manager at " + address;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RpcStore other && other.address.equals(address) && Arrays.equals(other.authkey, authkey);
    }

    @Override
    public int hashCode() {
        return address.hashCode();
    }
}
