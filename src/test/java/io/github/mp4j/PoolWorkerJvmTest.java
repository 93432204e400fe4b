package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.display.PoolTable;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Per-pool worker JVMs: {@code jvmOptions} for one pool's workers only, and {@code maxMemoryPerChild}. */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PoolWorkerJvmTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    /** What a task leaves reachable in its worker: a leak that outlives the task. */
    static final List<byte[]> KEPT = new ArrayList<>();

    @Test
    void jvmOptionsReachThatPoolsWorkersOnly() throws Exception {
        try (Pool tuned = Pool.builder().processes(1).jvmOptions("-Xmx96m", "-Dmp4j.test.flavour=tuned").build();
             Pool plain = new Pool(1)) {
            List<String> arguments = tuned.apply(() -> ManagementFactory.getRuntimeMXBean().getInputArguments());
            assertTrue(arguments.contains("-Xmx96m") && arguments.contains("-Dmp4j.test.flavour=tuned"), arguments.toString());
            assertEquals("tuned", tuned.apply(() -> System.getProperty("mp4j.test.flavour")));
            long maxHeap = tuned.apply(() -> Runtime.getRuntime().maxMemory());
            assertTrue(maxHeap <= 96L << 20, "max heap " + maxHeap);
            List<String> plainArguments = plain.apply(() -> ManagementFactory.getRuntimeMXBean().getInputArguments());
            assertFalse(plainArguments.contains("-Xmx96m"), plainArguments.toString());
            assertEquals(List.of("-Xmx96m", "-Dmp4j.test.flavour=tuned"), tuned.state().settings().jvmOptions());
            assertTrue(PoolTable.html(tuned.state()).contains("jvmOptions=[-Xmx96m, -Dmp4j.test.flavour=tuned]"));
        }
    }

    @Test
    void anOptionTheJvmRefusesBreaksThePoolWithAClearError() throws Exception {
        try (Pool pool = Pool.builder().processes(1).jvmOptions("-XX:+NoSuchOptionAnywhere").build()) {
            Exception e = assertThrows(Exception.class, () -> pool.apply(() -> 1));
            assertTrue(String.valueOf(e.getMessage()).contains("cannot start"), e.toString());
        }
    }

    @Test
    void badOptionsAreRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> Pool.builder().jvmOptions("Xmx2g"));
        assertThrows(IllegalArgumentException.class, () -> Pool.builder().jvmOptions(" "));
        assertThrows(IllegalArgumentException.class, () -> Pool.builder().maxMemoryPerChild(-1));
        assertThrows(IllegalArgumentException.class, () -> Pool.builder().cancelGrace(Duration.ofSeconds(-1)));
    }

    @Test
    void aWorkerWhoseHeapStaysOverTheLimitIsReplacedAndNothingFails() throws Exception {
        try (Pool pool = Pool.builder().processes(1).maxMemoryPerChild(48L << 20).build()) {
            long first = pool.apply(() -> ProcessHandle.current().pid());
            long garbage = pool.apply(() -> {
                for (int i = 0; i < 20; i++) {
                    byte[] dropped = new byte[8 << 20]; // 160 MiB allocated, none of it kept
                    dropped[i] = 1;
                }
                return ProcessHandle.current().pid();
            });
            assertEquals(first, garbage, "garbage alone does not retire a worker");
            // the leak and, behind it in the worker's window, work that must still run
            AsyncResult<Long> leak = pool.applyAsync(() -> {
                for (int i = 0; i < 8; i++) {
                    KEPT.add(new byte[8 << 20]); // 64 MiB kept
                }
                return ProcessHandle.current().pid();
            });
            List<AsyncResult<Long>> behind = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                behind.add(pool.applyAsync(() -> ProcessHandle.current().pid()));
            }
            assertEquals(first, leak.get(BOUND));
            for (AsyncResult<Long> r : behind) {
                assertNotEquals(first, r.get(BOUND), "what the retiring worker held ran on its replacement");
            }
            PoolState state = pool.state();
            assertEquals(0, state.failed(), state.toString());
            assertTrue(state.workers().stream().anyMatch(w -> Long.valueOf(first).equals(w.pid()) && w.state() == PoolState.WorkerState.EXITED
                    && w.exitCode() == 0), state.toString());
            assertEquals(48L << 20, state.settings().maxMemoryPerChild());
            assertTrue(state.toString().contains("maxMemoryPerChild=48 MiB"), state.toString());
        }
    }
}
