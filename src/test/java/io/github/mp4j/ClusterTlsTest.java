package io.github.mp4j;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A local cluster started with {@code mp4j.cluster.localTls=true} speaks TLS: its throwaway keys are
 * owner-only, pools and managers work over it (a JVM the test starts joins with the same keys), and
 * closing it deletes the keys.
 */
@Timeout(240)
class ClusterTlsTest {

    static Cluster cluster;

    @BeforeAll
    static void start() throws IOException {
        cluster = startLocalWithTls(2);
    }

    /** {@link Cluster#startLocal} with TLS switched on (the default is off on loopback, see the README). */
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
    void closingTheClusterDeletesItsKeys() throws IOException {
        Path keys;
        try (Cluster own = startLocalWithTls(1)) {
            keys = own.tlsFolder().orElseThrow();
            assertTrue(Files.isDirectory(keys));
        }
        assertFalse(Files.exists(keys), keys + " outlived its cluster");
    }
}
