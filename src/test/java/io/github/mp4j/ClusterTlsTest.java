package io.github.mp4j;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A local cluster started with {@code mp4j.cluster.localTls=true} speaks TLS: its throwaway keys are
 * owner-only, pools and managers work over it (a JVM the test starts joins with the same keys), its
 * nodes open no port beside TLS, and closing it deletes the keys.
 */
@Timeout(240)
class ClusterTlsTest {

    static Cluster cluster;

    @BeforeAll
    static void start() throws IOException {
        cluster = startLocalWithTls(2);
    }

    /** {@link Cluster#startLocal} with TLS switched on (off by default on loopback, see the README). */
    static Cluster startLocalWithTls(int nodes) throws IOException {
        System.setProperty("mp4j.cluster.localTls", "true");
        try {
            return Cluster.startLocal(nodes);
        } finally {
            System.clearProperty("mp4j.cluster.localTls");
        }
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void startLocalSpeaksTlsWithKeysOnlyItsOwnerCanRead() throws IOException {
        Path keys = cluster.tlsFolder().orElseThrow(() -> new AssertionError("startLocal made no keys"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
        try (Stream<Path> files = Files.list(keys)) {
            List<Path> all = files.toList();
            assertEquals(4, all.size(), all.toString());
            for (Path file : all) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
            }
        }
        assertTrue(keys.startsWith(Path.of(System.getProperty("java.io.tmpdir"))), keys.toString());
        assertTrue(cluster.toString().contains("TLS"), cluster.toString());
    }

    @Test
    void aPoolAndAManagerWorkOverTls() throws Exception {
        try (Pool pool = Pool.on(cluster);
             Manager manager = Manager.on(cluster)) {
            assertEquals(List.of(1, 4, 9), pool.map(x -> x * x, List.of(1, 2, 3)));
            DictProxy<String, Integer> d = manager.dict(Map.of("count", 20));
            pool.map(i -> d.compute("count", (k, v) -> v - 1), IntStream.range(0, 20).boxed().toList());
            assertEquals(0, d.get("count"));
            // a child JVM joins as a client of its own, with the same keys
            Process child = new Process(() -> d.put("child", 7));
            child.start();
            child.join(java.time.Duration.ofSeconds(120));
            assertEquals(Integer.valueOf(0), child.exitCode());
            assertEquals(7, d.get("child"));
        }
    }

    @Test
    void aNodeListensOnlyOnItsDiscoveryAndCommunicationPorts() throws IOException {
        // Ignite's server nodes also open a REST port (11211..) by default, without TLS: none here
        String range = cluster.discovery().substring(cluster.discovery().lastIndexOf(':') + 1);
        int first = Integer.parseInt(range.substring(0, range.indexOf("..")));
        int last = Integer.parseInt(range.substring(range.indexOf("..") + 2));
        for (long pid : cluster.localNodePids()) {
            Set<Integer> ports = listeningPorts(pid);
            assertEquals(2, ports.size(), "node " + pid + " listens on " + ports);
            for (int port : ports) {
                boolean discovery = port >= first && port <= last;
                boolean communication = port >= first + 1000 && port < last + 1000 + 100;
                assertTrue(discovery || communication, "node " + pid + " listens on " + ports
                        + ", beyond discovery " + range + " and communication " + (first + 1000) + "..");
            }
        }
    }

    /** The TCP ports process {@code pid} listens on, from /proc: its sockets' inodes in LISTEN state. */
    private static Set<Integer> listeningPorts(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listed
                }
            }
        }
        Set<Integer> ports = new TreeSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "net", table))) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st ... inode (field 9); st 0A is LISTEN
                if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
                    ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    @Test
    void closingTheClusterDeletesItsKeys() throws IOException {
        Path keys;
        try (Cluster own = startLocalWithTls(1)) {
            keys = own.tlsFolder().orElseThrow();
            assertTrue(Files.isDirectory(keys));
        }
        assertFalse(Files.exists(keys), keys + " outlived its cluster");
    }
}
