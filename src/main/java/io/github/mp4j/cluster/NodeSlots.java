package io.github.mp4j.cluster;

import io.github.mp4j.pool.PortableWork;
import io.github.mp4j.pool.Worker;
import io.github.mp4j.pool.WorkItem;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterGroup;
import org.apache.ignite.cluster.ClusterNode;

import java.io.IOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The workers of a pool on a cluster ({@code Pool.on(cluster)}): slots, each bound to one of the
 * cluster's mp4j server nodes and running one item at a time there (see {@link NodeSlot}). Slots
 * are spread evenly over the nodes: a new slot goes to the node with the fewest of this pool's.
 */
public final class NodeSlots implements Worker.Backend {

    /** How long a starting slot waits for a server node to appear before its start fails. */
    private static final long NODE_WAIT_MS = 5_000;

    private final Supplier<Ignite> client;
    /** Slots per node id. Guarded by itself. */
    private final Map<UUID, Integer> slotsPerNode = new HashMap<>();

    /** @param client this JVM's client node; throws {@link IllegalStateException} once the cluster is closed */
    public NodeSlots(Supplier<Ignite> client) {
        this.client = client;
        // Ignite agrees on a class's binary type id cluster-wide the first time it sends one; a
        // node that dies while that agreement is in flight can leave every later send waiting
        // for it. Agreeing now, on a healthy cluster, keeps that out of a pool's fault paths.
        client.get().binary().registerClass(NodeJob.class);
    }

    /**
     * The default parallelism of a pool on {@code ignite}'s cluster: the processors of its server
     * hosts, each host counted once however many nodes it runs, and at least one slot per node.
     */
    public static int defaultParallelism(Ignite ignite) {
        Collection<ClusterNode> nodes = servers(ignite).nodes();
        Map<Set<String>, Integer> cpusPerHost = new HashMap<>();
        for (ClusterNode node : nodes) {
            cpusPerHost.merge(new TreeSet<>(node.addresses()), Math.max(1, node.metrics().getTotalCpus()), Math::max);
        }
        return Math.max(1, Math.max(nodes.size(), cpusPerHost.values().stream().mapToInt(Integer::intValue).sum()));
    }

    static ClusterGroup servers(Ignite ignite) {
        return ignite.cluster().forServers().forAttribute(NodeConfig.ATTR_PID, null);
    }

    @Override
    public String kind() {
        return "cluster";
    }

    @Override
    public void prepare(WorkItem item) throws IOException {
        PortableWork.prepare(item);
    }

    @Override
    public Worker start(String name, Worker.Events events) throws InterruptedException {
        NodeSlot slot = new NodeSlot(name, events, this, bind(null));
        slot.start();
        return slot;
    }

    /** This JVM's client node; {@link IllegalStateException} once the cluster is closed. */
    Ignite client() {
        return client.get();
    }

    /** Whether {@code node} is still in the cluster. */
    boolean alive(ClusterNode node) {
        return client().cluster().node(node.id()) != null;
    }

    /**
     * Chooses the node for a slot (moving from {@code previous}, if not null): the live server node
     * with the fewest of this pool's slots, waiting a little for one to join when there is none.
     *
     * @throws IllegalStateException when the cluster is closed or has no mp4j server node
     */
    ClusterNode bind(ClusterNode previous) throws InterruptedException {
        long deadline = System.nanoTime() + NODE_WAIT_MS * 1_000_000;
        while (true) {
            Ignite ignite = client();
            List<ClusterNode> nodes = servers(ignite).nodes().stream()
                    .sorted(Comparator.comparingLong(ClusterNode::order)).toList();
            if (!nodes.isEmpty()) {
                synchronized (slotsPerNode) {
                    ClusterNode best = nodes.stream()
                            .min(Comparator.comparingInt(n -> slotsPerNode.getOrDefault(n.id(), 0))).orElseThrow();
                    release(previous);
                    slotsPerNode.merge(best.id(), 1, Integer::sum);
                    return best;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster has no mp4j server node (waited "
                        + NODE_WAIT_MS / 1000 + " s for one to join)");
            }
            Thread.sleep(100);
        }
    }

    /** Forgets a slot's node. */
    void release(ClusterNode node) {
        if (node != null) {
            synchronized (slotsPerNode) {
                slotsPerNode.computeIfPresent(node.id(), (id, n) -> n > 1 ? n - 1 : null);
            }
        }
    }
}
