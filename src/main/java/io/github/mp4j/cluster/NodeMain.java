package io.github.mp4j.cluster;

import io.github.mp4j.handles.OwnedTempDirectory;
import io.github.mp4j.spawn.ChildOptions;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A cluster server node: runs pool tasks and keeps Manager objects for the clients that join.
 *
 * <pre>
 * java -jar mp4j-kernel.jar node --discovery host1:47500..47509,host2:47500 --bind 10.0.0.12
 * </pre>
 *
 * Options: {@code --discovery} (where the cluster's nodes listen; default
 * {@code 127.0.0.1:47500..47509}), {@code --bind} (the address this node listens on; default
 * {@code 127.0.0.1}), {@code --port} (the first discovery port tried, default 47500) and
 * {@code --port-range} (default 10). Once the node has joined it prints one line,
 * {@code mp4j-node ready <node id> <pid>}, and then runs until it is stopped (SIGTERM or Ctrl-C), or,
 * with {@code --until-stdin-closes}, until its standard input reaches end of file: that is how
 * {@code Cluster.startLocal} ties its nodes' lives to the notebook's JVM.
 *
 * <p>Ignite needs {@link NodeConfig#jvmOptions()}; a node started without them (a plain
 * {@code java -jar}) runs itself again in a child JVM that has them.
 */
public final class NodeMain {

    static final String READY = "mp4j-node ready";

    private NodeMain() {}

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("mp4j node: " + e.getMessage());
            System.err.println("usage: java -jar mp4j-kernel.jar node [--discovery ADDRESSES] [--bind ADDRESS]"
                    + " [--port PORT] [--port-range N] [--until-stdin-closes]");
            System.exit(2);
            return;
        }
        if (!NodeConfig.hasJvmOptions()) {
            System.exit(relaunchWithOptions(args));
        }
        Path workDir = OwnedTempDirectory.create("node");
        Ignite node;
        try {
            node = Ignition.start(NodeConfig.of("mp4j-node-" + ProcessHandle.current().pid(), false,
                    options.discovery, options.bind, options.port, options.portRange, workDir, null));
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

    record Options(List<String> discovery, String bind, int port, int portRange, boolean untilStdinCloses) {

        static Options parse(String[] args) {
            List<String> discovery = List.of("127.0.0.1:47500..47509");
            String bind = "127.0.0.1";
            int port = 47500;
            int portRange = 10;
            boolean untilStdinCloses = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--discovery" -> discovery = Addresses.split(value(args, ++i, "--discovery"));
                    case "--bind" -> bind = value(args, ++i, "--bind");
                    case "--port" -> port = Addresses.port(value(args, ++i, "--port"));
                    case "--port-range" -> portRange = Addresses.positive(value(args, ++i, "--port-range"));
                    case "--until-stdin-closes" -> untilStdinCloses = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(discovery, bind, port, portRange, untilStdinCloses);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
