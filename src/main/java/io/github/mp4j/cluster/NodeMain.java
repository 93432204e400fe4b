package io.github.mp4j.cluster;

import io.github.mp4j.ClusterAuthenticationError;
import io.github.mp4j.handles.OwnedTempDirectory;
import io.github.mp4j.spawn.ChildOptions;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.IgniteConfiguration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A cluster server node: runs pool tasks and keeps Manager objects for the clients that join.
 *
 * <pre>
 * java -jar mp4j-kernel.jar node --init cluster-keys
 * java -jar mp4j-kernel.jar node --tls cluster-keys --discovery host1:47500..47509,host2:47500 --bind 10.0.0.12
 * </pre>
 *
 * {@code --init FOLDER} makes a new cluster's keys ({@link TlsFolder}) in FOLDER, prints what to copy
 * where, and exits. Options of a node: {@code --tls FOLDER} (the cluster's keys: the node speaks only
 * TLS and requires every peer's certificate; needed unless the node and every discovery address are
 * on loopback), {@code --discovery} (where the cluster's nodes listen; default
 * {@code 127.0.0.1:47500..47509}), {@code --bind} (the address this node listens on; default
 * {@code 127.0.0.1}), {@code --port} (the first discovery port tried, default 47500) and
 * {@code --port-range} (default 10). A node that the cluster refuses at the TLS handshake, or that
 * refuses the cluster, prints {@code mp4j-node refused <reason> <host:port>: <why>} (the reason is a
 * {@link io.github.mp4j.ClusterAuthenticationError.Reason}) and exits with status 3 instead of
 * starting a cluster of its own. Once the node has joined it prints one line,
 * {@code mp4j-node ready <node id> <pid>}, and then runs until it is stopped (SIGTERM or Ctrl-C), or,
 * with {@code --until-stdin-closes}, until its standard input reaches end of file: that is how
 * {@code Cluster.startLocal} ties its nodes' lives to the notebook's JVM.
 *
 * <p>Ignite needs {@link NodeConfig#jvmOptions()}; a node started without them (a plain
 * {@code java -jar}) runs itself again in a child JVM that has them.
 */
public final class NodeMain {

    static final String READY = "mp4j-node ready";
    static final String REFUSED = "mp4j-node refused";
    /** Exit status of a node refused at the handshake (2 is a usage error). */
    static final int EXIT_REFUSED = 3;
    private static final int INIT_KEY_DAYS = 3650;
    private static final String USAGE = "usage: java -jar mp4j-kernel.jar node --init FOLDER\n"
            + "       java -jar mp4j-kernel.jar node [--tls FOLDER] [--discovery ADDRESSES] [--bind ADDRESS]"
            + " [--port PORT] [--port-range N] [--until-stdin-closes]";

    private NodeMain() {}

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("mp4j node: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options.init != null) {
            System.exit(init(options.init));
        }
        if (!NodeConfig.hasJvmOptions()) {
            System.exit(relaunchWithOptions(args));
        }
        TlsFolder tls = null;
        try {
            tls = options.tls == null ? null : TlsFolder.open(options.tls);
            TlsProbe.check(Addresses.endpoints(options.discovery, ClusterLink.PROBED_ENDPOINTS), tls);
        } catch (ClusterAuthenticationError e) {
            System.err.println(REFUSED + " " + e.reason() + " " + e.peer() + ": " + e.getMessage());
            System.exit(EXIT_REFUSED);
        } catch (IOException e) {
            System.err.println("mp4j node: cannot use the keys in " + options.tls + ": " + e);
            System.exit(2);
        }
        Path workDir = OwnedTempDirectory.create("node");
        Ignite node;
        try {
            IgniteConfiguration config = NodeConfig.of("mp4j-node-" + ProcessHandle.current().pid(), false,
                    options.discovery, options.bind, options.port, options.portRange, workDir, null, tls);
            if (tls != null) {
                // a plain node is only ever on loopback, and mp4j's own check greets it with a TLS
                // hello, which Ignite words as a refusal: only a TLS node reports refusals
                config.setGridLogger(new RefusalLog(() -> System.err));
            }
            node = Ignition.start(config);
        } catch (RuntimeException e) {
            OwnedTempDirectory.deleteQuietly(workDir);
            throw e;
        }
        ClusterLink.runningAsServer(node);
        Runnable stop = () -> {
            Ignition.stop(node.name(), true);
            OwnedTempDirectory.deleteQuietly(workDir);
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "mp4j-node-stop"));
        System.out.println(READY + " " + node.cluster().localNode().id() + " " + ProcessHandle.current().pid());
        System.out.flush();
        if (options.untilStdinCloses) {
            while (System.in.read() >= 0) {
                // the parent writes nothing; end of file means it has gone
            }
            System.exit(0); // the shutdown hook stops the node
        }
        Thread.currentThread().join();
    }

    private static int init(Path folder) {
        try {
            TlsFolder tls = TlsFolder.create(folder, INIT_KEY_DAYS);
            System.out.println("made a cluster's keys in " + tls.folder() + " (valid " + INIT_KEY_DAYS + " days):");
            System.out.println("  copy " + TlsFolder.KEY_STORE + ", " + TlsFolder.TRUST_STORE + " and "
                    + TlsFolder.PASSWORD + " to each host, into a folder only the node's user can read,");
            System.out.println("  and start its node with --tls <that folder>; a notebook joins with"
                    + " Cluster.connect(addresses, Path.of(<that folder>)).");
            System.out.println("  Keep " + TlsFolder.CA + " (the CA's private key) off the nodes; whoever holds "
                    + TlsFolder.KEY_STORE + " and " + TlsFolder.PASSWORD + " is a member.");
            return 0;
        } catch (IOException e) {
            System.err.println("mp4j node --init: " + e);
            return 1;
        }
    }

    /** The command line that runs a node in a child JVM with the given options. */
    static List<String> command(List<String> nodeArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ChildOptions.inheritedProperties());
        command.addAll(NodeConfig.jvmOptions());
        command.addAll(List.of("-XX:+UseSerialGC", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                NodeMain.class.getName()));
        command.addAll(nodeArgs);
        return command;
    }

    private static int relaunchWithOptions(String[] args) throws IOException, InterruptedException {
        java.lang.Process child = new ProcessBuilder(command(Arrays.asList(args))).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
        return child.waitFor();
    }

    record Options(List<String> discovery, String bind, int port, int portRange, boolean untilStdinCloses,
                   Path tls, Path init) {

        static Options parse(String[] args) {
            List<String> discovery = List.of("127.0.0.1:47500..47509");
            String bind = "127.0.0.1";
            int port = 47500;
            int portRange = 10;
            boolean untilStdinCloses = false;
            Path tls = null;
            Path init = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--tls" -> tls = Path.of(value(args, ++i, "--tls"));
                    case "--init" -> init = Path.of(value(args, ++i, "--init"));
                    case "--discovery" -> discovery = Addresses.split(value(args, ++i, "--discovery"));
                    case "--bind" -> bind = value(args, ++i, "--bind");
                    case "--port" -> port = Addresses.port(value(args, ++i, "--port"));
                    case "--port-range" -> portRange = Addresses.positive(value(args, ++i, "--port-range"));
                    case "--until-stdin-closes" -> untilStdinCloses = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (init != null && args.length != 2) {
                throw new IllegalArgumentException("--init FOLDER takes no other option");
            }
            if (init == null && tls == null && !Addresses.loopbackOnly(discovery, bind)) {
                throw new IllegalArgumentException("beyond loopback a node speaks only TLS: add --tls FOLDER"
                        + " (--init FOLDER makes one)");
            }
            return new Options(discovery, bind, port, portRange, untilStdinCloses, tls, init);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
