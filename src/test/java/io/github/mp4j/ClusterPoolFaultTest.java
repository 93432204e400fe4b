package io.github.mp4j;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pool on a cluster whose nodes die and which is closed under it: one two-node cluster, which
 * the first test leaves with one node and the second closes.
 */
@Timeout(240)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterPoolFaultTest {

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
    @Order(1)
    void aNodeKilledMidTaskFailsThatTaskNamingTheNodeAndTheRestRunOnTheOther() throws Exception {
        Pool pool = Pool.on(cluster, 2);
        AsyncResult<Long> victim = pool.applyAsync(() -> { Thread.sleep(120_000); return 0L; });
        long killed = awaitBusyPid(pool);
        long survivor = cluster.localNodePids().stream().filter(p -> p != killed).findFirst().orElseThrow();
        List<AsyncResult<Long>> after = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            after.add(pool.applyAsync(() -> ProcessHandle.current().pid()));
        }
        assertTrue(ProcessHandle.of(killed).orElseThrow().destroyForcibly());

        WorkerLostError lost = assertThrows(WorkerLostError.class, () -> victim.get(Duration.ofSeconds(120)));
        assertEquals(killed, lost.pid());
        assertTrue(lost.getMessage().contains("(pid " + killed + ")") && lost.getMessage().contains("@"),
                lost.getMessage());
        for (AsyncResult<Long> r : after) {
            assertEquals(survivor, r.get(Duration.ofSeconds(120)), "a task queued behind the lost one reran");
        }
        assertEquals(survivor, pool.apply(() -> ProcessHandle.current().pid()));
        Eventually.assertHolds(Duration.ofSeconds(60), Duration.ofMillis(50),
                () -> pool.state().workers().stream().filter(w -> w.state() != PoolState.WorkerState.EXITED)
                        .allMatch(w -> w.pid() != null && w.pid() == survivor),
                () -> "a slot stayed on the dead node: " + pool.state());
        pool.close();
        assertTrue(pool.join(Duration.ofSeconds(60)));
        assertEquals(1, cluster.nodes().size());
    }

    @Test
    @Order(2)
    void closingTheClusterFailsUnfinishedTasksAndThePoolClearly() throws Exception {
        Pool pool = Pool.on(cluster, 2);
        // both slots up, so the dispatch below is known
        Eventually.assertHolds(Duration.ofSeconds(60), () -> pool.state().workers().stream()
                .filter(w -> w.state() == PoolState.WorkerState.IDLE).count() == 2, pool.state()::toString);
        List<AsyncResult<Integer>> unfinished = new ArrayList<>();
        unfinished.add(pool.applyAsync(() -> { Thread.sleep(120_000); return 1; }));
        awaitBusyPid(pool);
        // the second goes to the other slot, the third and fourth each queue behind a slot's first:
        // at the close every slot holds one item (running, or in its inbox) and one behind it, and
        // the last was handed over just before the close
        for (int i = 2; i <= 4; i++) {
            int n = i;
            unfinished.add(pool.applyAsync(() -> { Thread.sleep(120_000); return n; }));
        }
        cluster.close();
        for (AsyncResult<Integer> r : unfinished) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.get(Duration.ofSeconds(60)));
            assertTrue(e.getMessage().contains("the cluster has been closed"), e.getMessage());
        }
        Supplier<String> refusal = () -> assertThrows(IllegalStateException.class, () -> pool.apply(() -> 1)).getMessage();
        Eventually.assertHolds(Duration.ofSeconds(60), Duration.ofMillis(50),
                () -> refusal.get().contains("the cluster has been closed"),
                () -> "the pool never reported the closed cluster: " + refusal.get());
        pool.terminate();
        assertTrue(pool.join(Duration.ofSeconds(30)));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Pool.on(cluster));
        assertEquals("the cluster has been closed", refused.getMessage());
    }

    private static long awaitBusyPid(Pool pool) throws InterruptedException {
        PoolState.Worker busy = Eventually.valueOf(Duration.ofSeconds(60), () -> pool.state().workers().stream()
                .filter(w -> w.state() == PoolState.WorkerState.BUSY).findFirst().orElse(null));
        assertNotEquals(null, busy, pool.state().toString());
        assertNotEquals(null, busy.pid());
        return busy.pid();
    }
}
