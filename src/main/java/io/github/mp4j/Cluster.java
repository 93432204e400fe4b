package io.github.mp4j;

import io.github.mp4j.cluster.ClusterLink;
import io.github.mp4j.cluster.LocalNodes;
import io.github.mp4j.shipping.ClassShipping;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterMetrics;
import org.apache.ignite.cluster.ClusterNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An Apache Ignite cluster that pools and managers can run on, beyond this machine: this JVM joins
 * it as a client node, and {@link Pool#on(Cluster)} and {@link Manager#on(Cluster)} give the same
 * API as their local forms.
 *
 * <pre>{@code
 * try (Cluster cluster = Cluster.startLocal(2);          // two server nodes, child JVMs on loopback
 *      Pool pool = Pool.on(cluster)) {
 *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
 * }
 * Cluster remote = Cluster.connect("host1:47500..47509,host2:47500", Path.of("cluster-keys"));
 * }</pre>
 *
 * <p>A server node on another host starts with
 * {@code java -jar mp4j-kernel.jar node --tls cluster-keys --discovery host1:47500..47509 --bind <its address>}
 * (see {@link io.github.mp4j.cluster.NodeMain}), after {@code node --init cluster-keys} has made the
 * cluster's keys once and they have been copied to every host. Classes and lambdas defined in this JVM, JShell
 * cells included, reach the servers through Ignite's peer class loading; the servers need only
 * mp4j's jar.
 *
 * <p>Ignite is an optional dependency: only this class and what it is given to need
 * {@code org.apache.ignite:ignite-core} on the class path, and on Java 17 and later the JVM options
 * of {@link io.github.mp4j.cluster.NodeConfig#jvmOptions()} (mp4j's kernel and the nodes it starts
 * have them).
 *
 * <p><b>TLS.</b> A cluster's nodes and clients speak TLS for discovery and communication and show
 * each other certificates signed by the cluster's CA: a JVM without the cluster's keys, with another
 * cluster's, or speaking plain TCP is refused at the handshake, and joining throws
 * {@link ClusterAuthenticationError} naming the cause. Plain TCP is allowed only when every address
 * is loopback. {@link #startLocal} speaks plain TCP on loopback unless the system property
 * {@code mp4j.cluster.localTls} is {@code true} (then TLS with throwaway keys, which takes longer
 * to start: see {@code bench/RESULTS.md}, "Cluster with and without TLS").
 */
public final class Cluster implements AutoCloseable {

    /**
     * The Ignite version mp4j is built and tested with: the build's {@code ignite.version}, which it
     * writes into the resource {@code cluster/ignite-version}.
     */
    public static final String IGNITE_VERSION = builtIgniteVersion();

    private static final List<Cluster> ACTIVE = new CopyOnWriteArrayList<>();

    private final ClusterLink link;
    private final LocalNodes local;
    private final Ignite client;
    private volatile boolean closed;

    private Cluster(ClusterLink link, LocalNodes local) throws IOException {
        this.link = link;
        this.local = local;
        this.client = link.client(ClassShipping.loader());
        ACTIVE.add(this);
    }

    /**
     * Joins the plain-TCP cluster whose server nodes listen on loopback at {@code addresses}
     * (comma-separated {@code host}, {@code host:port} or {@code host:first..last}), as nodes
     * started without {@code --tls} do. Any other cluster needs {@link #connect(String, Path)}.
     *
     * @throws IllegalArgumentException when an address cannot be parsed or is not loopback
     * @throws ClusterAuthenticationError ({@link ClusterAuthenticationError.Reason#PEER_REQUIRES_TLS})
     *         when the cluster speaks TLS
     * @throws IOException when no server node answers within 20 seconds
     */
    public static Cluster connect(String addresses) throws IOException {
        requireIgnite();
        return join(ClusterLink.of(addresses, null), null);
    }

    /**
     * Joins the cluster whose server nodes listen at {@code addresses} (comma-separated
     * {@code host}, {@code host:port} or {@code host:first..last}), from the local address that
     * reaches the first of them, over TLS with the cluster's keys in {@code tlsFolder} (made by
     * {@code java -jar mp4j-kernel.jar node --init}; this JVM needs its {@code node.p12},
     * {@code trust.p12} and {@code password}). Processes this JVM starts that use the cluster (a
     * {@link Process} given a Manager proxy) read the same folder.
     *
     * @throws IllegalArgumentException when an address cannot be parsed
     * @throws java.nio.file.NoSuchFileException when a key file is missing
     * @throws java.nio.file.AccessDeniedException when other users can read the key store or password
     * @throws ClusterAuthenticationError when the first node that answers refuses this JVM's
     *         certificate, presents one of another cluster, or speaks plain TCP
     * @throws IOException when no server node answers within 20 seconds
     */
    public static Cluster connect(String addresses, Path tlsFolder) throws IOException {
        requireIgnite();
        java.util.Objects.requireNonNull(tlsFolder, "tlsFolder");
        return join(ClusterLink.of(addresses, tlsFolder), null);
    }

    /**
     * Starts {@code nodes} server nodes as child JVMs of this one, on loopback ports of their own
     * (so two local clusters never see each other), and joins them. They speak plain TCP on
     * loopback, or, when the system property {@code mp4j.cluster.localTls} is {@code true}, TLS
     * with a throwaway set of keys made for them in a private temporary folder
     * ({@link #tlsFolder()}). {@link #close()} stops them and deletes the keys; the nodes also end
     * with this JVM, however it ends.
     *
     * @throws IllegalArgumentException if {@code nodes} is less than 1
     * @throws IOException when the keys cannot be made or a node does not start
     */
    public static Cluster startLocal(int nodes) throws IOException {
        if (nodes < 1) {
            throw new IllegalArgumentException("a cluster needs at least 1 node, not " + nodes);
        }
        requireIgnite();
        LocalNodes local = LocalNodes.start(nodes, Boolean.getBoolean("mp4j.cluster.localTls"));
        return join(new ClusterLink(local.discovery(), "127.0.0.1", local.tls()), local);
    }

    private static String builtIgniteVersion() {
        try (InputStream in = Cluster.class.getResourceAsStream("cluster/ignite-version")) {
            if (in == null) {
                throw new IllegalStateException("mp4j's resource cluster/ignite-version is missing: a broken build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Ignite is optional and needs JVM options: without either, say what to add instead of failing
     * on a missing class or in Ignite's static initializers.
     */
    private static void requireIgnite() {
        try {
            Class.forName("org.apache.ignite.Ignition", false, Cluster.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Cluster needs Apache Ignite on the class path:"
                    + " org.apache.ignite:ignite-core:" + IGNITE_VERSION + " (mp4j's kernel jar includes it)");
        }
        if (!io.github.mp4j.cluster.NodeConfig.hasJvmOptions()) {
            throw new IllegalStateException("Cluster needs Ignite's JVM options: start this JVM with"
                    + " java @<mp4j>/src/main/resources/io/github/mp4j/cluster/jvm-options ..., or take them from"
                    + " NodeConfig.jvmOptions() (mp4j's kernel and the nodes it starts have them)");
        }
    }

    private static Cluster join(ClusterLink link, LocalNodes local) throws IOException {
        try {
            return new Cluster(link, local);
        } catch (IOException | RuntimeException e) {
            if (local != null) {
                local.stop();
            }
            throw e instanceof IOException io ? io
                    : new IOException("cannot join the cluster at " + link.discovery() + ": " + e.getMessage(), e);
        }
    }

    /** The clusters this JVM has joined and not closed, oldest first. */
    public static List<Cluster> active() {
        return List.copyOf(ACTIVE);
    }

    /** One server node as this client sees it; metrics lag by up to two seconds. */
    public record Node(String id, String host, Long pid, int cpus, long maxHeapBytes, int jobsRun) {}

    /** The cluster's server nodes, ordered by the order they joined. */
    public List<Node> nodes() {
        checkOpen();
        return client.cluster().forServers().nodes().stream()
                .sorted(Comparator.comparingLong(ClusterNode::order))
                .map(Cluster::describe)
                .toList();
    }

    private static Node describe(ClusterNode node) {
        ClusterMetrics metrics = node.metrics();
        Object pid = node.attribute(io.github.mp4j.cluster.NodeConfig.ATTR_PID);
        String host = node.hostNames().stream().filter(h -> !h.isEmpty()).findFirst()
                .orElse(node.addresses().stream().findFirst().orElse("?"));
        return new Node(node.id().toString(), host, pid instanceof Number n ? n.longValue() : null,
                metrics.getTotalCpus(), metrics.getHeapMemoryMaximum(), metrics.getTotalExecutedJobs());
    }

    /** The process ids of the nodes {@link #startLocal} started (empty for a joined cluster). */
    public List<Long> localNodePids() {
        return local == null ? List.of() : local.pids();
    }

    /** Where the cluster's nodes are found: what a node on another host joins with. */
    public String discovery() {
        return String.join(",", link.discovery());
    }

    /**
     * The folder of the cluster's keys this JVM joined with, empty for a plain-TCP cluster. For
     * {@link #startLocal} it is the throwaway folder, deleted by {@link #close()}.
     */
    public java.util.Optional<Path> tlsFolder() {
        return java.util.Optional.ofNullable(link.tls());
    }

    /**
     * Leaves the cluster, and stops the nodes that {@link #startLocal} started. Pools and managers
     * on the cluster stop working. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ACTIVE.remove(this);
        link.leave();
        if (local != null) {
            local.stop();
        }
    }

    /** How pools and managers reach the cluster. */
    ClusterLink link() {
        checkOpen();
        return link;
    }

    /** This JVM's client node of the cluster. */
    Ignite client() {
        checkOpen();
        return client;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the cluster has been closed");
        }
    }

    @Override
    public String toString() {
        return "Cluster[" + discovery() + (link.tls() == null ? ", plain TCP" : ", TLS")
                + (local != null ? ", local nodes " + local.pids() : "")
                + (closed ? ", closed" : "") + "]";
    }
}
