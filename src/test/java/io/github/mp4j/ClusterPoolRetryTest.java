package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pool on a cluster honours the pool's retries and cancels running tasks: one two-node cluster,
 * which the last test leaves with one node (a node is lost as in {@link ClusterPoolFaultTest}).
 */
@Timeout(240)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterPoolRetryTest {

    private static final Duration BOUND = Duration.ofSeconds(120);
    @AutoClose
    static Cluster cluster;

    @TempDir
    Path tempDir;

    @BeforeAll
    static void start() throws IOException {
        cluster = Cluster.startLocal(2);
    }

    @Test
    @Order(1)
    void optionsANodeSlotCannotHaveAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pool.on(cluster, Pool.builder().jvmOptions("-Xmx1g")));
        assertTrue(e.getMessage().contains("JVM options"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pool.on(cluster, Pool.builder().maxMemoryPerChild(1 << 30)));
    }

    @Test
    @Order(2)
    void aRunningTaskOnANodeIsCancelledAndThePoolGoesOn() throws Exception {
        Pool pool = Pool.on(cluster, Pool.builder().processes(2).cancelGrace(Duration.ofMillis(300)));
        AsyncResult<Long> sleeping = pool.applyAsync(() -> { Thread.sleep(120_000); return 0L; });
        Eventually.assertHolds(BOUND, () -> pool.state().count(PoolState.WorkerState.BUSY) == 1, pool.state()::toString);
        assertTrue(sleeping.cancel(true));
        assertThrows(CancellationException.class, () -> sleeping.get(BOUND));
        assertEquals(List.of(2, 4), pool.map(x -> x * 2, List.of(1, 2)));
        assertEquals(1, pool.state().failed());
        pool.close();
        assertTrue(pool.join(BOUND));
    }

    @Test
    @Order(3)
    void aTaskWhoseNodeIsKilledRunsAgainOnTheOtherNode() throws Exception {
        String runs = tempDir.resolve("runs").toString();
        Pool pool = Pool.on(cluster, Pool.builder().processes(2).retries(1));
        assertEquals(1, pool.state().settings().retries());
        AsyncResult<Long> task = pool.applyAsync(() -> {
            Path path = Path.of(runs);
            Files.writeString(path, ProcessHandle.current().pid() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (Files.readAllLines(path).size() == 1) {
                Thread.sleep(120_000); // the first attempt waits for its node to be killed
            }
            return ProcessHandle.current().pid();
        });
        Long first = Eventually.valueOf(BOUND, () -> {
            try {
                List<String> lines = Files.exists(Path.of(runs)) ? Files.readAllLines(Path.of(runs)) : List.of();
                return lines.isEmpty() ? null : Long.valueOf(lines.get(0));
            } catch (IOException e) {
                return null;
            }
        });
        assertNotNull(first, "the task never started");
        assertTrue(ProcessHandle.of(first).orElseThrow().destroyForcibly());
        long second = task.get(BOUND);
        assertNotEquals(first.longValue(), second, "the retry ran on the other node");
        assertTrue(cluster.localNodePids().contains(second));
        assertEquals(0, pool.state().failed());
        pool.close();
        assertTrue(pool.join(BOUND));
    }
}
