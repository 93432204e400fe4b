package io.github.mp4j.cluster;

import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.DeploymentMode;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.logger.NullLogger;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The Ignite configuration every mp4j node uses, server or client, so that the two always agree:
 * peer class loading in SHARED mode (cell-defined classes reach servers by themselves), discovery
 * through a fixed address list, every socket bound to one address (loopback unless the user names
 * another), TLS with client certificates when given a {@link TlsFolder}, no thin-client or REST port,
 * Ignite's own logging and update check off, and a small off-heap region since mp4j stores only
 * serialized bytes.
 */
public final class NodeConfig {

    /** Attribute that marks a node as one of mp4j's, so tools can tell them from foreign nodes. */
    public static final String ATTR_PID = "mp4j.pid";

    /** Where {@link #jvmOptions()} are kept: also read by the build (surefire) and the kernelspec. */
    public static final String JVM_OPTIONS_RESOURCE = "/io/github/mp4j/cluster/jvm-options";

    private static final long MIB = 1024L * 1024;

    private NodeConfig() {}

    /**
     * The JVM options Ignite needs on Java 17 and later (its {@code --add-opens} list), one per
     * element; put on the command line of every JVM that runs a node.
     */
    public static List<String> jvmOptions() {
        return jvmOptions(Runtime.version().feature());
    }

    /** Whether this JVM was started with {@link #jvmOptions()} (Ignite fails obscurely without them). */
    public static boolean hasJvmOptions() {
        return Object.class.getModule().isOpen("java.nio", NodeConfig.class.getModule());
    }

    /** {@link #jvmOptions()} for a JVM of feature version {@code javaFeature} (17, 21, 25, ...). */
    public static List<String> jvmOptions(int javaFeature) {
        try (InputStream in = NodeConfig.class.getResourceAsStream(JVM_OPTIONS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(JVM_OPTIONS_RESOURCE + " is missing from mp4j's jar");
            }
            List<String> options = new ArrayList<>(Arrays.stream(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .map(String::trim).filter(s -> !s.isEmpty()).toList());
            if (javaFeature >= 23) {
                // Ignite reads memory through sun.misc.Unsafe, which newer JDKs warn about on stderr
                options.add("--sun-misc-unsafe-memory-access=allow");
            }
            return List.copyOf(options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A node's configuration.
     *
     * @param name      the Ignite instance name, unique in this JVM
     * @param client    a client node (runs no tasks, stores nothing) or a server node
     * @param discovery the discovery addresses, e.g. {@code "127.0.0.1:47500..47509"}
     * @param bind      the address every socket of the node binds to
     * @param port      the first discovery port this node tries (it takes the first free one of
     *                  {@code port .. port+portRange-1})
     * @param workDir   Ignite's work directory (marshaller mappings); the caller deletes it
     * @param loader    the class loader Ignite resolves and peer-deploys user classes through
     * @param tls       the cluster's keys: discovery and communication then speak only TLS and
     *                  require the peer's certificate; null for plain TCP (loopback only)
     */
    static IgniteConfiguration of(String name, boolean client, List<String> discovery, String bind,
                                  int port, int portRange, java.nio.file.Path workDir, ClassLoader loader,
                                  TlsFolder tls) {
        quietIgnite();
        TcpDiscoveryVmIpFinder finder = new TcpDiscoveryVmIpFinder();
        finder.setAddresses(discovery);
        TcpDiscoverySpi discoverySpi = new TcpDiscoverySpi();
        discoverySpi.setIpFinder(finder);
        discoverySpi.setLocalAddress(bind);
        discoverySpi.setLocalPort(port);
        discoverySpi.setLocalPortRange(portRange);
        if (client) {
            // a client otherwise waits for a server forever; the property is for impatient tests
            discoverySpi.setJoinTimeout(Long.getLong("mp4j.cluster.joinTimeoutMs", 20_000));
        }
        TcpCommunicationSpi communication = new TcpCommunicationSpi();
        communication.setLocalAddress(bind);
        // communication ports follow the discovery port so that two clusters never share a range
        communication.setLocalPort(port + 1000);
        communication.setLocalPortRange(100);
        communication.setSharedMemoryPort(-1);
        // the bound TlsContext's buffers are sized for (Ignite's default, made explicit)
        communication.setSocketReceiveBuffer(TlsContext.SOCKET_RECEIVE_BUFFER);

        DataRegionConfiguration region = new DataRegionConfiguration()
                .setName("default").setInitialSize(16 * MIB).setMaxSize(128 * MIB);
        IgniteConfiguration config = new IgniteConfiguration()
                .setIgniteInstanceName(name)
                .setClientMode(client)
                .setLocalHost(bind)
                .setDiscoverySpi(discoverySpi)
                .setCommunicationSpi(communication)
                .setPeerClassLoadingEnabled(true)
                .setDeploymentMode(DeploymentMode.SHARED)
                .setDataStorageConfiguration(new DataStorageConfiguration().setDefaultDataRegionConfiguration(region))
                .setMetricsLogFrequency(0)
                // a client that died (a Process holding a lock, a closed notebook) is dropped, and
                // what it held returned, after 10 s instead of Ignite's 30
                .setClientFailureDetectionTimeout(10_000)
                .setGridLogger(new NullLogger())
                .setUserAttributes(Map.of(ATTR_PID, ProcessHandle.current().pid()))
                .setWorkDirectory(workDir.toString());
        // no thin-client/JDBC port and no REST port (Ignite's binary protocol on 11211, which a
        // server node opens by default, without TLS and without authentication): mp4j uses neither,
        // and each would be a door to the cluster's data beside its TLS
        config.setClientConnectorConfiguration(null);
        config.setConnectorConfiguration(null);
        if (tls != null) {
            config.setSslContextFactory(tls.igniteFactory());
        }
        if (loader != null) {
            config.setClassLoader(loader);
        }
        return config;
    }

    private static void quietIgnite() {
        System.setProperty("IGNITE_UPDATE_NOTIFIER", "false");
        System.setProperty("IGNITE_QUIET", "true");
        System.setProperty("IGNITE_NO_ASCII", "true");
        System.setProperty("IGNITE_PERFORMANCE_SUGGESTIONS_DISABLED", "true");
    }
}
