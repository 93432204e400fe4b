package io.github.mp4j;

import org.apache.ignite.lang.IgniteCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A local cluster of two server nodes in child JVMs, joined by this JVM as a client. */
@Timeout(180)
class ClusterTest {

    static Cluster cluster;

    @BeforeAll
    static void start() throws IOException {
        cluster = Cluster.startLocal(2);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void startLocalGivesTwoServerNodesThatAreItsChildren() {
        List<Cluster.Node> nodes = cluster.nodes();
        assertEquals(2, nodes.size(), nodes.toString());
        Set<Long> pids = new HashSet<>(cluster.localNodePids());
        for (Cluster.Node node : nodes) {
            assertTrue(pids.contains(node.pid()), node + " not among " + pids);
            assertTrue(ProcessHandle.of(node.pid()).flatMap(ProcessHandle::parent)
                    .map(p -> p.pid() == ProcessHandle.current().pid()).orElse(false), node.toString());
            assertTrue(node.cpus() > 0);
        }
        assertTrue(Cluster.active().contains(cluster));
    }

    @Test
    void serversRunClosuresInTheirOwnProcesses() {
        IgniteCallable<Long> pid = () -> ProcessHandle.current().pid();
        Set<Long> ran = new HashSet<>(cluster.client().compute(cluster.client().cluster().forServers())
                .broadcast(pid));
        assertEquals(new HashSet<>(cluster.localNodePids()), ran);
    }

    @Test
    void localNodesEndWhenTheJvmThatStartedThemIsKilled() throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(io.github.mp4j.cluster.NodeConfig.jvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StartsANode.class.getName()));
        java.lang.Process parent = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(
                    new java.io.InputStreamReader(parent.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("node pid "));
            assertTrue(line != null, "the parent JVM ended before starting its node");
            long nodePid = Long.parseLong(line.substring("node pid ".length()));
            parent.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(parent.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            Eventually.assertHolds(Duration.ofSeconds(60), Duration.ofMillis(100),
                    () -> !ProcessHandle.of(nodePid).map(ProcessHandle::isAlive).orElse(false),
                    () -> "node " + nodePid + " outlived the JVM that started it");
        } finally {
            parent.destroyForcibly();
        }
    }

    /** Starts a one-node local cluster, says the node's pid, and waits to be killed. */
    public static final class StartsANode {
        public static void main(String[] args) throws Exception {
            Cluster cluster = Cluster.startLocal(1);
            System.out.println("node pid " + cluster.localNodePids().get(0));
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void theIgniteVersionNamedInMessagesIsTheOneOnTheClassPath() {
        assertEquals(org.apache.ignite.internal.IgniteVersionUtils.VER_STR, Cluster.IGNITE_VERSION);
    }

    @Test
    void inAServerNodeEveryLinkLeadsToTheNodeItself() {
        io.github.mp4j.cluster.ClusterLink link = cluster.link();
        IgniteCallable<Boolean> joinedAsClient = () -> link.client(null).cluster().localNode().isClient();
        assertEquals(List.of(false, false), List.copyOf(cluster.client().compute(cluster.client().cluster().forServers())
                .broadcast(joinedAsClient)));
    }

    @Test
    void badArgumentsAreRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> Cluster.startLocal(0));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Cluster.connect("127.0.0.1:notaport"));
        assertTrue(bad.getMessage().contains("127.0.0.1:notaport"), bad.getMessage());
    }

    @Test
    void connectingWhereNoNodeListensFailsWithinTheJoinTimeout() {
        System.setProperty("mp4j.cluster.joinTimeoutMs", "3000");
        try {
            IOException e = assertThrows(IOException.class, () -> Cluster.connect("127.0.0.1:59990..59991"));
            assertTrue(e.getMessage().contains("59990"), e.getMessage());
        } finally {
            System.clearProperty("mp4j.cluster.joinTimeoutMs");
        }
    }

    @Test
    void closingALocalClusterEndsItsNodes() throws Exception {
        Cluster other = Cluster.startLocal(1);
        long pid = other.localNodePids().get(0);
        assertEquals(1, other.nodes().size(), "the second cluster saw the first one's nodes");
        assertEquals(2, cluster.nodes().size(), "the first cluster saw the second one's node");
        assertFalse(other.discovery().equals(cluster.discovery()), "two local clusters share ports");
        other.close();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertThrows(IllegalStateException.class, other::nodes);
        assertFalse(Cluster.active().contains(other));
        assertEquals(2, cluster.nodes().size(), "closing one cluster disturbed another");
    }
}
