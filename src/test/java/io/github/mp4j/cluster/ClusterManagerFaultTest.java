package io.github.mp4j.cluster;

import io.github.mp4j.Cluster;
import io.github.mp4j.DictProxy;
import io.github.mp4j.Eventually;
import io.github.mp4j.Manager;
import io.github.mp4j.QueueProxy;
import io.github.mp4j.RemoteError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Manager.on(cluster)} while its server nodes die: objects survive one node, calls fail at
 * once (no hang) when none is left, and the manager works again once a node is back.
 */
@Timeout(300)
class ClusterManagerFaultTest {

    @Test
    void proxiesOutliveOneNodeFailFastWithoutAnyAndWorkAgainWhenOneIsBack() throws Exception {
        Cluster cluster = Cluster.startLocal(2);
        java.lang.Process revived = null;
        try (Manager manager = Manager.on(cluster)) {
            DictProxy<String, Integer> d = manager.dict(Map.of("n", 1));
            QueueProxy<String> q = manager.queue();
            List<Long> pids = cluster.localNodePids();

            kill(pids.get(0));
            awaitNodes(cluster, 1);
            assertEquals(2, d.compute("n", (k, v) -> v + 1), "the dict survives one node (one backup)");

            CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return q.get();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            kill(pids.get(1));
            ExecutionException blocked = assertThrows(ExecutionException.class,
                    () -> waiting.get(90, TimeUnit.SECONDS), "a waiting get ends when the cluster goes");
            assertTrue(blocked.getCause() instanceof UncheckedIOException, blocked.getCause().toString());
            UncheckedIOException gone = assertTimeoutPreemptively(Duration.ofSeconds(90),
                    () -> assertThrows(UncheckedIOException.class, () -> d.get("n")));
            assertTrue(gone.getMessage().contains("cluster"), gone.getMessage());

            revived = new ProcessBuilder(NodeMain.command(List.of("--discovery", cluster.discovery(),
                    "--bind", "127.0.0.1", "--port", String.valueOf(Addresses.firstPort(List.of(cluster.discovery()))),
                    "--until-stdin-closes"))).redirectOutput(java.lang.ProcessBuilder.Redirect.DISCARD)
                    .redirectError(java.lang.ProcessBuilder.Redirect.INHERIT).start();
            DictProxy<String, Integer> fresh = awaitWorking(manager);
            fresh.put("m", 3);
            assertEquals(3, fresh.get("m"));
            RemoteError lost = assertThrows(RemoteError.class, () -> d.get("n"),
                    "what lived on the nodes that all died is gone, and the error says so");
            assertTrue(lost.getMessage().contains("no shared object"), lost.getMessage());
        } finally {
            cluster.close();
            if (revived != null) {
                revived.getOutputStream().close();
                if (!revived.waitFor(20, TimeUnit.SECONDS)) {
                    revived.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static void kill(long pid) throws Exception {
        ProcessHandle node = ProcessHandle.of(pid).orElseThrow();
        node.destroyForcibly();
        node.onExit().get(30, TimeUnit.SECONDS);
    }

    private static void awaitNodes(Cluster cluster, int n) throws InterruptedException {
        Eventually.assertHolds(Duration.ofSeconds(90), Duration.ofMillis(200), () -> cluster.nodes().size() == n,
                () -> "the cluster still shows " + cluster.nodes());
    }

    /** A new dict once the client has reconnected: each failed attempt must fail fast, not hang. */
    private static DictProxy<String, Integer> awaitWorking(Manager manager) throws InterruptedException {
        List<UncheckedIOException> failures = new ArrayList<>();
        DictProxy<String, Integer> dict = Eventually.valueOf(Duration.ofSeconds(150), Duration.ofMillis(500), () -> {
            try {
                return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> manager.<String, Integer>dict());
            } catch (UncheckedIOException e) {
                failures.add(e);
                return null;
            }
        });
        assertNotNull(dict, () -> "no reconnection: " + failures.get(failures.size() - 1));
        return dict;
    }
}
