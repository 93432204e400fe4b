package io.github.mp4j.cluster;

import io.github.mp4j.Cluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's command for a server node on another host, exactly as documented:
 * {@code java -jar mp4j-kernel.jar node --discovery ...}, with no JVM options typed (the node runs
 * itself again with Ignite's add-opens list). A notebook's {@code Cluster.connect} then finds it.
 */
@Timeout(300)
class NodeCommandIT {

    @Test
    void aNodeStartedWithTheDocumentedCommandIsJoinedByConnect() throws Exception {
        Path jar = Path.of(System.getProperty("mp4j.kernelJar", "target/mp4j-kernel.jar"));
        assertTrue(Files.isRegularFile(jar), "no kernel jar at " + jar + " (mvn package)");
        int port = Addresses.freeRange(10);
        String discovery = "127.0.0.1:" + port + ".." + (port + 9);
        java.lang.Process node = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "node", "--discovery", discovery, "--port", String.valueOf(port),
                "--until-stdin-closes").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            String ready = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = out.readLine()) != null; ) {
                        if (line.startsWith(NodeMain.READY)) {
                            return line;
                        }
                    }
                    return "(the node's output ended)";
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            }).get(180, TimeUnit.SECONDS);
            assertTrue(ready.startsWith(NodeMain.READY), ready);
            long nodePid = Long.parseLong(ready.substring(ready.lastIndexOf(' ') + 1));

            try (Cluster cluster = Cluster.connect(discovery)) {
                List<Cluster.Node> nodes = cluster.nodes();
                assertEquals(1, nodes.size(), nodes.toString());
                assertEquals(nodePid, nodes.get(0).pid());
                assertEquals(List.of(), cluster.localNodePids(), "a joined cluster's nodes are not ours to stop");
            }

            node.getOutputStream().close(); // --until-stdin-closes: the node ends when its stdin does
            assertTrue(node.waitFor(60, TimeUnit.SECONDS), "the node did not end when its stdin closed");
            assertTrue(ProcessHandle.of(nodePid).map(p -> !p.isAlive()).orElse(true),
                    "the relaunched node JVM outlived its launcher");
        } finally {
            node.destroyForcibly();
        }
    }
}
