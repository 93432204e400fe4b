package io.github.mp4j.cluster;

import io.github.mp4j.handles.OwnedTempDirectory;
import io.github.mp4j.spawn.TaskEnd;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.Ignition;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How to reach a cluster: its discovery addresses, the local address to join from and the folder
 * of the cluster's keys ({@link TlsFolder}; none for a plain-TCP cluster on loopback). Serializable,
 * so that what holds one (a Manager proxy, a pool task) can join the same cluster from whichever
 * JVM it reaches.
 *
 * <p>A JVM joins each cluster at most once: {@link #client} starts one Ignite client node per
 * link on first use and shares it; {@link #leave()} stops it. In a server node's JVM (a proxy used
 * by a pool task on the cluster) every link leads to that node instead: it is already in the cluster.
 */
public final class ClusterLink implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How many discovery endpoints the handshake check tries at most (the first that answers counts). */
    static final int PROBED_ENDPOINTS = 100;

    private static final Map<ClusterLink, Joined> CLIENTS = new ConcurrentHashMap<>();
    /** Set in a server node's JVM: the node itself, which belongs to exactly one cluster. */
    private static volatile Ignite serverNode;

    // A class, not a record: Ignite's marshaller, which carries links inside tasks, cannot set a
    // record's fields.
    private final List<String> discovery;
    private final String bind;
    /** The key folder's absolute path, or null: a String, since a Path is not serializable. */
    private final String tls;

    /**
     * @param tls the cluster's key folder; null only for a cluster on loopback
     * @throws IllegalArgumentException when there is no address, or {@code tls} is null and an
     *                                  address is not on loopback
     */
    public ClusterLink(List<String> discovery, String bind, Path tls) {
        this.discovery = List.copyOf(discovery);
        this.bind = bind;
        this.tls = tls == null ? null : tls.toAbsolutePath().toString();
        if (discovery.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one discovery address");
        }
        if (tls == null && !Addresses.loopbackOnly(discovery, bind)) {
            throw new IllegalArgumentException("beyond loopback a cluster speaks only TLS: join " + discovery
                    + " with the cluster's key folder, Cluster.connect(addresses, folder)"
                    + " (java -jar mp4j-kernel.jar node --init FOLDER makes one)");
        }
    }

    /** The discovery addresses. */
    public List<String> discovery() {
        return discovery;
    }

    /** The local address this JVM's client node binds. */
    public String bind() {
        return bind;
    }

    /** The cluster's key folder, or null for a plain-TCP cluster. */
    public Path tls() {
        return tls == null ? null : Path.of(tls);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterLink other && discovery.equals(other.discovery) && bind.equals(other.bind)
                && java.util.Objects.equals(tls, other.tls);
    }

    @Override
    public int hashCode() {
        return (discovery.hashCode() * 31 + bind.hashCode()) * 31 + java.util.Objects.hashCode(tls);
    }

    @Override
    public String toString() {
        return "ClusterLink" + discovery + " from " + bind + (tls == null ? ", plain TCP" : ", TLS keys in " + tls);
    }

    /**
     * A link to the cluster at {@code addresses}, joined from the local address that reaches it,
     * with the keys in {@code tls} (null: plain TCP, loopback only).
     */
    public static ClusterLink of(String addresses, Path tls) {
        List<String> discovery = Addresses.split(addresses);
        return new ClusterLink(discovery, Addresses.localAddressToward(discovery), tls);
    }

    /**
     * This JVM's node of the cluster: its client node, started on first use (shipped classes resolve
     * through {@code loader}: the JShell class loader in the kernel; null for this JVM's default), or,
     * in a server node's JVM, the server node itself.
     *
     * @throws io.github.mp4j.ClusterAuthenticationError when the cluster's node refuses this JVM's
     *         keys (or their absence), or this JVM refuses the node's
     * @throws IgniteException when no server node answers
     */
    public Ignite client(ClassLoader loader) throws IOException {
        Ignite server = serverNode;
        if (server != null) {
            return server;
        }
        Joined joined = CLIENTS.get(this);
        if (joined != null && !joined.stopped()) {
            return joined.node;
        }
        synchronized (CLIENTS) {
            joined = CLIENTS.get(this);
            if (joined == null || joined.stopped()) {
                joined = join(loader);
                CLIENTS.put(this, joined);
            }
            return joined.node;
        }
    }

    /** Makes {@code node}, this JVM's server node, what every link leads to. */
    static void runningAsServer(Ignite node) {
        serverNode = node;
    }

    /** Stops this JVM's client node of the cluster, if it has one. */
    public void leave() {
        Joined joined = CLIENTS.remove(this);
        if (joined != null) {
            joined.stop();
        }
    }

    private Joined join(ClassLoader loader) throws IOException {
        Path workDir = OwnedTempDirectory.create("client");
        String name = "mp4j-client-" + Integer.toHexString(hashCode()) + "-" + System.nanoTime();
        int port = Addresses.firstPort(discovery);
        try {
            TlsFolder keys = tls == null ? null : TlsFolder.open(Path.of(tls));
            TlsProbe.check(Addresses.endpoints(discovery, PROBED_ENDPOINTS), keys);
            Ignite node = Ignition.start(NodeConfig.of(name, true, discovery, bind, port, 100, workDir, loader, keys));
            Joined joined = new Joined(node, workDir);
            Runtime.getRuntime().addShutdownHook(new Thread(joined::stop, "mp4j-cluster-leave"));
            TaskEnd.register(joined::stop); // a child would otherwise wait for Ignite's threads
            return joined;
        } catch (IOException | RuntimeException e) {
            OwnedTempDirectory.deleteQuietly(workDir);
            throw e;
        }
    }

    private record Joined(Ignite node, Path workDir) {
        boolean stopped() {
            return Ignition.state(node.name()) != org.apache.ignite.IgniteState.STARTED;
        }

        void stop() {
            if (!stopped()) { // Ignite's own shutdown hook may have stopped it
                Ignition.stop(node.name(), true);
            }
            OwnedTempDirectory.deleteQuietly(workDir);
        }
    }
}
