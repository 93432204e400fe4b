package io.github.mp4j.cluster;

import io.github.mp4j.Cluster;
import io.github.mp4j.ClusterAuthenticationError;
import io.github.mp4j.ClusterAuthenticationError.Reason;
import io.github.mp4j.Eventually;
import org.apache.ignite.Ignition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who a TLS cluster refuses, and how: a client without keys, a client or node with another
 * cluster's keys, a plain-TCP node, and a client that trusts the cluster but holds a foreign key are
 * all refused at the handshake with a {@link ClusterAuthenticationError} naming the reason (a node:
 * status 3 and a {@code mp4j-node refused} line), within a bound, and the cluster's topology does not
 * change. Ignite's TLS refuses them too when mp4j's check is skipped.
 */
@Timeout(300)
class ClusterTlsRefusalTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    static Path temp;

    static Cluster cluster;
    static TlsFolder foreign;
    /** This JVM's standard error before the class replaced it. */
    static PrintStream originalErr;
    /** Everything printed on standard error (the node's included) while the class ran. */
    static final ByteArrayOutputStream ERR = new ByteArrayOutputStream();
    /** What was printed there while the cluster started. */
    static String startErr;

    @BeforeAll
    static void start() throws IOException {
        originalErr = System.err;
        // the node's standard error is copied to this JVM's current System.err, a line at a time
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                originalErr.write(b);
                ERR.write(b);
            }

            @Override
            public void write(byte[] bytes, int off, int len) {
                originalErr.write(bytes, off, len);
                ERR.write(bytes, off, len);
            }
        }, true, StandardCharsets.UTF_8));
        System.setProperty("mp4j.cluster.localTls", "true");
        try {
            cluster = Cluster.startLocal(1);
        } finally {
            System.clearProperty("mp4j.cluster.localTls");
        }
        startErr = ERR.toString(StandardCharsets.UTF_8);
        foreign = TlsFolder.create(temp.resolve("foreign"), 30);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        System.setErr(originalErr);
    }

    /** Server nodes and clients the cluster has: one server and this JVM's client, whatever was refused. */
    private static void assertNothingJoined() {
        assertEquals(1, cluster.nodes().size(), cluster.nodes().toString());
        assertEquals(2, allNodes(cluster), "a refused client joined the topology");
    }

    /** Every node of {@code c}'s topology, clients included, as this JVM's client node sees it. */
    private static int allNodes(Cluster c) {
        try {
            return new ClusterLink(List.of(c.discovery().split(",")), "127.0.0.1", c.tlsFolder().orElse(null))
                    .client(null).cluster().nodes().size();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ClusterAuthenticationError refusedConnect(Path keys) {
        return assertTimeoutPreemptively(BOUND, () -> assertThrows(ClusterAuthenticationError.class,
                () -> {
                    if (keys == null) {
                        Cluster.connect(cluster.discovery()).close();
                    } else {
                        Cluster.connect(cluster.discovery(), keys).close();
                    }
                }));
    }

    @Test
    void aClientWithoutKeysIsToldTheClusterRequiresTls() {
        ClusterAuthenticationError e = refusedConnect(null);
        assertEquals(Reason.PEER_REQUIRES_TLS, e.reason(), e.getMessage());
        assertTrue(cluster.discovery().contains(e.peer().substring(e.peer().lastIndexOf(':') + 1)), e.peer());
        assertNothingJoined();
    }

    @Test
    void theNodeSaysItRefusedAConnectionAndNothingElse() throws Exception {
        assertFalse(startErr.contains(RefusalLog.REFUSED_CONNECTION), "a member's join was reported: " + startErr);
        refusedConnect(null); // a client without keys: the node refuses its handshake
        // Ignite words each kind of refusal once per few minutes, so this one or an earlier test's counts
        Eventually.assertHolds(BOUND, Duration.ofMillis(50),
                () -> ERR.toString(StandardCharsets.UTF_8).contains(RefusalLog.REFUSED_CONNECTION),
                () -> "the node reported no refused connection");
    }

    @Test
    void aClientWithAnotherClustersKeysIsRefused() {
        ClusterAuthenticationError e = refusedConnect(foreign.folder());
        assertEquals(Reason.PEER_NOT_TRUSTED, e.reason(), e.getMessage());
        assertNothingJoined();
    }

    @Test
    void aClientThatTrustsTheClusterButHoldsAForeignKeyIsRefusedByTheNode() throws Exception {
        Path mixed = Files.createDirectory(temp.resolve("mixed"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        for (String file : List.of(TlsFolder.KEY_STORE, TlsFolder.PASSWORD)) {
            Files.copy(foreign.folder().resolve(file), mixed.resolve(file), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        // the cluster's CA certificate, in a trust store under the foreign folder's password
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", TlsFolder.open(cluster.tlsFolder().orElseThrow()).trustStore().getCertificate("ca"));
        try (OutputStream out = Files.newOutputStream(mixed.resolve(TlsFolder.TRUST_STORE))) {
            trust.store(out, foreign.password());
        }
        ClusterAuthenticationError e = refusedConnect(mixed);
        assertEquals(Reason.REFUSED_BY_PEER, e.reason(), e.getMessage());
        assertNothingJoined();
    }

    @Test
    void ignitesTlsRefusesAClientThatSkipsTheCheck() {
        assertIgniteRefuses(foreign);
        assertIgniteRefuses(null);
        assertNothingJoined();
    }

    /** Starts an Ignite client as mp4j configures one, without the handshake check, and expects no join. */
    private static void assertIgniteRefuses(TlsFolder keys) {
        String name = "refused-" + System.nanoTime();
        String before = System.getProperty("mp4j.cluster.joinTimeoutMs");
        System.setProperty("mp4j.cluster.joinTimeoutMs", "5000");
        try {
            Path work = Files.createDirectory(temp.resolve(name));
            List<String> discovery = List.of(cluster.discovery().split(","));
            Exception e = assertTimeoutPreemptively(BOUND, () -> assertThrows(Exception.class, () -> Ignition.start(
                    NodeConfig.of(name, true, discovery, "127.0.0.1", Addresses.firstPort(discovery), 100, work, null, keys))));
            assertTrue(sslFailure(e), () -> "not refused by TLS: " + stackTrace(e));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (before == null) {
                System.clearProperty("mp4j.cluster.joinTimeoutMs");
            } else {
                System.setProperty("mp4j.cluster.joinTimeoutMs", before);
            }
            if (Ignition.state(name) == org.apache.ignite.IgniteState.STARTED) {
                Ignition.stop(name, true);
            }
        }
    }

    /**
     * Whether Ignite failed at TLS: an {@code SSLException} in the chain, or, for a client that
     * speaks plain TCP, Ignite's discovery error that asks whether the cluster uses SSL (its only
     * sign of it).
     */
    private static boolean sslFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException || String.valueOf(t.getMessage()).contains("SSL")) {
                return true;
            }
        }
        return false;
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter text = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    @Test
    void aNodeWithoutKeysIsRefusedAndStartsNoClusterOfItsOwn() throws Exception {
        assertNodeRefused(List.of(), Reason.PEER_REQUIRES_TLS);
    }

    @Test
    void aNodeWithAnotherClustersKeysIsRefused() throws Exception {
        assertNodeRefused(List.of("--tls", foreign.folder().toString()), Reason.PEER_NOT_TRUSTED);
    }

    private static void assertNodeRefused(List<String> keyOptions, Reason reason) throws Exception {
        List<String> discovery = List.of(cluster.discovery().split(","));
        List<String> args = new ArrayList<>(List.of("--discovery", cluster.discovery(), "--port",
                String.valueOf(Addresses.firstPort(discovery)), "--port-range", "10", "--until-stdin-closes"));
        args.addAll(keyOptions);
        java.lang.Process node = new ProcessBuilder(NodeMain.command(args)).redirectErrorStream(true).start();
        try {
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return e.toString();
                }
            });
            assertTrue(node.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS), "the refused node did not exit");
            String out = output.get(10, TimeUnit.SECONDS);
            assertEquals(NodeMain.EXIT_REFUSED, node.exitValue(), out);
            assertTrue(out.contains(NodeMain.REFUSED + " " + reason + " "), out);
            assertFalse(out.contains(NodeMain.READY), out);
        } finally {
            node.destroyForcibly();
        }
        assertNothingJoined();
    }

    @Test
    void aPlainClusterOnLoopbackIsTheDefaultAndRefusesTlsMembers() throws Exception {
        try (Cluster plain = Cluster.startLocal(1)) {
            assertTrue(plain.tlsFolder().isEmpty());
            try (Cluster joined = Cluster.connect(plain.discovery())) {
                assertEquals(1, joined.nodes().size());
            }
            ClusterAuthenticationError e = assertTimeoutPreemptively(BOUND, () -> assertThrows(
                    ClusterAuthenticationError.class, () -> Cluster.connect(plain.discovery(), foreign.folder()).close()));
            assertEquals(Reason.PEER_WITHOUT_TLS, e.reason(), e.getMessage());
            assertEquals(2, allNodes(plain), "one server, this JVM's client");
        }
    }

    @Test
    void beyondLoopbackAClusterNeedsKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cluster.connect("192.0.2.1:47500"));
        assertTrue(e.getMessage().contains("TLS"), e.getMessage());
        IllegalArgumentException node = assertThrows(IllegalArgumentException.class,
                () -> NodeMain.Options.parse(new String[]{"--bind", "192.0.2.1"}));
        assertTrue(node.getMessage().contains("--tls"), node.getMessage());
    }
}
