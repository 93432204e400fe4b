package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.spawn.ChildStatus;
import io.github.mp4j.spawn.Children;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Context}: processes and pools with their own start method, beside the global one. */
class ContextTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    /** Longer than a child JVM takes to boot here, even under load. */
    private static final Duration WARM_BOOT = Duration.ofSeconds(3);

    @Test
    void twoContextsStartByTheirOwnMethodsWhateverTheGlobalOne() throws Exception {
        Context warm = Process.context(StartMethod.WARM);
        Context spawn = Process.context(StartMethod.SPAWN);
        Process.setStartMethod(StartMethod.WARM);
        try {
            // A warm JVM counts as idle from its launch; one launched seconds ago has surely booted.
            assertTrue(Eventually.holds(BOUND, () -> Children.statuses().stream().anyMatch(s -> s.state().equals("idle")
                    && s.launchedAt().isBefore(Instant.now().minus(WARM_BOOT)))), "a warm JVM is waiting");
            Instant before = Instant.now();
            Pipe pipe = Pipe.open(false);
            Connection report = pipe.conn2();
            Process fromWarm = warm.process("from-warm", () -> report.send(Process.current().name()));
            Process fromSpawn = spawn.process(() -> report.send(Process.current().name()));
            fromWarm.start();
            fromSpawn.start();
            report.close();
            assertTrue(launchedAt(fromWarm.pid()).isBefore(before), "the warm context took a pre-started JVM");
            assertTrue(!launchedAt(fromSpawn.pid()).isBefore(before),
                    "the spawn context launched a JVM, though the global method is WARM");
            List<Object> names = List.of(pipe.conn1().recv(), pipe.conn1().recv());
            assertTrue(names.containsAll(List.of("from-warm", fromSpawn.name())), names.toString());
            fromWarm.join(BOUND);
            fromSpawn.join(BOUND);
            assertEquals(0, fromWarm.exitCode());
            assertEquals(0, fromSpawn.exitCode());
            pipe.conn1().close();
        } finally {
            Process.setStartMethod(StartMethod.SPAWN);
        }
    }

    @Test
    void aContextKeepsItsMethodAndGivesItToItsPools() throws Exception {
        Context warm = Process.context(StartMethod.WARM);
        assertEquals(StartMethod.WARM, warm.startMethod());
        assertEquals(StartMethod.WARM, warm.poolBuilder().startMethod);
        assertEquals(StartMethod.SPAWN, Process.getStartMethod());
        try (Pool pool = Process.context(StartMethod.SPAWN).pool(1)) {
            assertEquals(List.of(1, 4, 9), pool.map((Integer x) -> x * x, List.of(1, 2, 3)));
        }
        assertThrows(NullPointerException.class, () -> Process.context(null));
    }

    @Test
    void aContextsManagerStartsItsServerByTheContextsMethod() throws Exception {
        Context warm = Process.context(StartMethod.WARM);
        assertEquals(StartMethod.SPAWN, Process.getStartMethod());
        assertTrue(Eventually.holds(BOUND, () -> Children.statuses().stream().anyMatch(s -> s.state().equals("idle")
                && s.launchedAt().isBefore(Instant.now().minus(WARM_BOOT)))), "a warm JVM is waiting");
        Instant before = Instant.now();
        try (Manager manager = warm.manager()) {
            DictProxy<String, Integer> d = manager.dict();
            d.put("answer", 42);
            assertEquals(42, d.get("answer"));
            ChildStatus server = Children.statuses().stream().filter(s -> s.name().startsWith("SyncManager-"))
                    .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("no manager child"));
            assertTrue(server.launchedAt().isBefore(before), "the server took a pre-started JVM, though the global method is SPAWN");
        }
    }

    private static Instant launchedAt(long pid) {
        return Children.statuses().stream().filter(s -> s.pid() == pid).map(ChildStatus::launchedAt)
                .findFirst().orElseThrow(() -> new AssertionError("no child " + pid));
    }
}
