package io.github.mp4j;

import io.github.mp4j.kernel.execution.JShellSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Pool#on(Cluster)}: the Pool API with tasks on a local cluster's two server nodes, shared by every test. */
@Timeout(180)
class ClusterPoolTest {

    static Cluster cluster;
    static Set<Long> nodePids;

    @BeforeAll
    static void start() throws IOException {
        cluster = Cluster.startLocal(2);
        nodePids = new HashSet<>(cluster.localNodePids());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theApiRunsTasksOnTheNodesAndCallbacksHere() throws Exception {
        try (Pool pool = Pool.on(cluster, 4)) {
            assertTrue(nodePids.contains(pool.apply(() -> ProcessHandle.current().pid())));
            assertEquals(List.of(1, 4, 9, 16, 25), pool.map(x -> x * x, List.of(1, 2, 3, 4, 5)));
            assertEquals(List.of(2, 3, 4), pool.map(x -> x + 1, List.of(1, 2, 3), 1));
            List<Integer> ordered = new ArrayList<>();
            pool.imap((Integer x) -> x * 10, List.of(1, 2, 3)).forEachRemaining(ordered::add);
            assertEquals(List.of(10, 20, 30), ordered);
            Set<Integer> unordered = new HashSet<>();
            pool.imapUnordered((Integer x) -> -x, List.of(1, 2, 3)).forEachRemaining(unordered::add);
            assertEquals(Set.of(-1, -2, -3), unordered);
            assertEquals(List.of("a1", "b2"), pool.starmap((String s, Integer i) -> s + i,
                    List.of(Map.entry("a", 1), Map.entry("b", 2))));
            // pids of many tasks: every node runs some
            List<Long> pids = pool.map(x -> { Thread.sleep(50); return ProcessHandle.current().pid(); },
                    java.util.Collections.nCopies(16, 0), 1);
            assertEquals(nodePids, new HashSet<>(pids));

            CompletableFuture<Long> calledBackIn = new CompletableFuture<>();
            AsyncResult<Long> pid = pool.applyAsync(() -> ProcessHandle.current().pid(),
                    p -> calledBackIn.complete(ProcessHandle.current().pid()));
            assertTrue(nodePids.contains(pid.get(Duration.ofSeconds(60))));
            assertEquals(ProcessHandle.current().pid(), calledBackIn.get(60, TimeUnit.SECONDS));
            CompletableFuture<Throwable> errorCallback = new CompletableFuture<>();
            pool.applyAsync(() -> { throw new IllegalStateException("no"); }, v -> { }, errorCallback::complete);
            assertInstanceOf(IllegalStateException.class, errorCallback.get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void stateShowsSlotsSpreadOverTheNodesAndClosingEndsThem() throws Exception {
        List<PoolState> seen = new CopyOnWriteArrayList<>();
        Pool pool = Pool.on(cluster, 4);
        pool.addListener(seen::add);
        assertTrue(Pool.active().contains(pool));
        pool.map(x -> x, List.of(1, 2, 3, 4), 1);
        PoolState state = pool.state();
        assertEquals("cluster", state.kind());
        assertEquals(4, state.processes());
        List<Long> pids = state.workers().stream().map(PoolState.Worker::pid).toList();
        assertEquals(4, pids.size(), state.toString());
        for (Long p : nodePids) {
            assertEquals(2, pids.stream().filter(p::equals).count(), "two slots on node " + p + ": " + state);
        }
        assertTrue(state.workers().stream().allMatch(w -> w.name().contains("-worker-") && w.name().contains("@")),
                state.toString());
        pool.close();
        assertTrue(pool.join(Duration.ofSeconds(60)));
        assertFalse(Pool.active().contains(pool));
        assertEquals(4, pool.state().count(PoolState.WorkerState.EXITED), pool.state().toString());
        assertEquals(4, pool.state().completed());
        Eventually.assertHolds(Duration.ofSeconds(30),
                () -> !seen.isEmpty() && seen.get(seen.size() - 1).count(PoolState.WorkerState.EXITED) >= 4,
                () -> "the listener never saw the final state: " + seen);
    }

    @Test
    void aTaskExceptionArrivesWithItsTypeMessageAndTheNodesTrace() throws Exception {
        try (Pool pool = Pool.on(cluster, 2)) {
            AsyncResult<Object> result = pool.applyAsync(() -> { throw new IllegalArgumentException("bad 7"); });
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> result.get(Duration.ofSeconds(60)));
            assertEquals("bad 7", e.getMessage());
            assertInstanceOf(RemoteTraceback.class, e.getCause());
            String trace = e.getCause().getMessage();
            assertTrue(nodePids.stream().anyMatch(p -> trace.contains("(pid " + p + ")")), trace);
            assertTrue(trace.contains("@"), "names the node's host: " + trace);
            // a map over one failing item fails, the pool goes on
            assertThrows(ArithmeticException.class, () -> pool.map(x -> 1 / x, List.of(1, 0, 2)));
            assertEquals(7, pool.apply(() -> 7));
        }
    }

    @Test
    void anUnserializableArgumentFailsThatTaskAlone() throws Exception {
        try (Pool pool = Pool.on(cluster, 2)) {
            Object notSerializable = new Object();
            AsyncResult<Integer> bad = pool.applyAsync(() -> notSerializable.hashCode());
            AsyncResult<Integer> good = pool.applyAsync(() -> 42);
            ExecutionException e = assertThrows(ExecutionException.class, () -> {
                try {
                    bad.get(Duration.ofSeconds(60));
                } catch (NotSerializableException n) {
                    throw new ExecutionException(n);
                }
            });
            assertTrue(e.getCause().getMessage().contains("java.lang.Object"), e.getCause().getMessage());
            assertEquals(42, good.get(Duration.ofSeconds(60)));
        }
    }

    @Test
    void terminateFailsUnfinishedResultsAndInterruptsTheNodesTasks() throws Exception {
        Pool pool = Pool.on(cluster, 2);
        List<AsyncResult<Integer>> sleepers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sleepers.add(pool.applyAsync(() -> { Thread.sleep(120_000); return 1; }));
        }
        Eventually.assertHolds(Duration.ofSeconds(60), () -> pool.state().count(PoolState.WorkerState.BUSY) >= 2,
                () -> pool.state().toString());
        pool.terminate();
        for (AsyncResult<Integer> r : sleepers) {
            assertThrows(CancellationException.class, () -> r.get(Duration.ofSeconds(10)));
        }
        assertTrue(pool.join(Duration.ofSeconds(30)));
        assertThrows(IllegalStateException.class, () -> pool.apply(() -> 1));
        // the nodes' task threads were interrupted: their jobs are gone
        try (Pool next = Pool.on(cluster, 2)) {
            assertEquals(List.of(1, 2), next.map(x -> x, List.of(1, 2)));
        }
    }

    @Test
    void aTasksOutputReachesThisJvmsStandardOutput() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (Pool pool = Pool.on(cluster, 1)) {
            pool.apply(() -> { System.out.println("hello from node " + ProcessHandle.current().pid()); return 0; });
            Eventually.assertHolds(Duration.ofSeconds(30), () -> captured.toString(StandardCharsets.UTF_8).contains("hello from node "),
                    () -> "no output: " + captured);
        } finally {
            System.setOut(original);
        }
        String line = captured.toString(StandardCharsets.UTF_8);
        assertTrue(nodePids.stream().anyMatch(p -> line.contains("hello from node " + p)), line);
    }

    @Test
    void defaultParallelismAndBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Pool.on(cluster, 0));
        Pool pool = Pool.on(cluster);
        // the two nodes share this host: its processors, and at least one slot per node
        assertEquals(Math.max(2, Runtime.getRuntime().availableProcessors()), pool.processes());
        pool.terminate();
    }

    /** A record, a lambda and a top-level variable of a JShell session (the kernel's) run on the nodes. */
    @Test
    void snippetClassesAndTopLevelVariablesReachTheNodes() throws Exception {
        try (JShellSession session = JShellSession.start()) {
            session.eval("var cluster = Cluster.active().stream().filter(c -> c.discovery().equals(\""
                    + cluster.discovery() + "\")).findFirst().orElseThrow();");
            session.eval("record Point(int x, int y) implements java.io.Serializable {"
                    + " Point scaled(int k) { return new Point(x * k, y * k); } }");
            session.eval("int k = 3;");
            session.eval("var pool = Pool.on(cluster, 2);");
            session.eval("var scaled = pool.map(p -> p.scaled(k), List.of(new Point(1, 2), new Point(3, 4)));");
            assertEquals("[Point[x=3, y=6], Point[x=9, y=12]]", String.valueOf(session.eval("scaled.toString()").value()));
            session.eval("k = 10;");
            assertEquals("Point[x=10, y=10]",
                    String.valueOf(session.eval("pool.apply(() -> new Point(1, 1).scaled(k)).toString()").value()));
            Object pid = session.eval("pool.apply(() -> ProcessHandle.current().pid())").value();
            assertTrue(nodePids.contains(((Number) pid).longValue()), String.valueOf(pid));
            session.eval("pool.close();");
        }
    }
}
