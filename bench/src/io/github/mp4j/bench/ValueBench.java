// requires: io.github.mp4j.Value
package io.github.mp4j.bench;

import io.github.mp4j.Acquirer;
import io.github.mp4j.Connection;
import io.github.mp4j.Held;
import io.github.mp4j.Process;
import io.github.mp4j.StartMethod;
import io.github.mp4j.Value;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * mp4j's side of {@code bench/anchors/value_counter.py}: the study notes' shared counter with a
 * {@link Value} and its lock.
 *
 * <ul>
 *   <li>{@code value_counter_100proc} -- {@code new Value<>(int.class, 100)}; 100 Processes each
 *       decrement it holding {@code getLock()}; start all, join all; it must be 0. Wall ms, per
 *       variant ({@code spawn}, {@code warm}): 1 warm-up, then 3 runs (warm: 1 s between runs for
 *       the pool to refill, as ProcessStart's seed figure does).</li>
 *   <li>{@code value_locked_increment_1proc} -- the cost of one locked update itself: hold the
 *       lock, {@code set(get() + 1)}, in this JVM with nobody else on the lock: 100 000 warm-up,
 *       then 5 runs of 1 000 000, ops/s.</li>
 *   <li>{@code value_locked_increment_4proc} -- 4 children each do 10 000 x (hold the lock;
 *       {@code set(get() + 1)}). This JVM holds the lock while they start; each reports "ready"
 *       through its own Pipe. Timed from our release until every child reported "done"; the value
 *       must be 40 000. 1 warm-up + 5 runs, ops/s.</li>
 * </ul>
 */
public final class ValueBench {

    private static final int PROCESSES = 100;
    private static final int WORKERS = 4;
    private static final int OPS_PER_WORKER = 10_000;
    private static final int SOLO_OPS = 1_000_000;
    private static final Duration BOUND = Duration.ofSeconds(60);

    private ValueBench() {}

    static void decrement(Value<Integer> count) throws InterruptedException {
        try (Held held = count.getLock().hold()) {
            count.set(count.get() - 1);
        }
    }

    static double counterRun() throws Exception {
        try (Value<Integer> count = new Value<>(int.class, PROCESSES)) {
            long t0 = System.nanoTime();
            List<Process> procs = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++) {
                Process p = new Process(() -> decrement(count));
                p.start();
                procs.add(p);
            }
            for (Process p : procs) {
                p.join(BOUND);
                if (!Integer.valueOf(0).equals(p.exitCode())) {
                    throw new IllegalStateException("worker exit code " + p.exitCode());
                }
            }
            long dt = System.nanoTime() - t0;
            if (count.get() != 0) {
                throw new IllegalStateException("count is " + count.get() + ", not 0");
            }
            return dt / 1e6;
        }
    }

    static void increment(Value<Integer> v, int n) throws InterruptedException {
        Acquirer lock = v.getLock();
        for (int i = 0; i < n; i++) {
            try (Held held = lock.hold()) {
                v.set(v.get() + 1);
            }
        }
    }

    static double soloRun(Value<Integer> v, int n) throws InterruptedException {
        long t0 = System.nanoTime();
        increment(v, n);
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    static void incrementWorker(Value<Integer> v, Connection conn, int n) throws Exception {
        GatedWorkers.ready(conn);
        increment(v, n);
        GatedWorkers.done(conn);
    }

    static double incrementRun() throws Exception {
        try (Value<Integer> v = new Value<>(int.class, 0)) {
            double seconds = GatedWorkers.seconds(v.getLock(), WORKERS, child -> () -> incrementWorker(v, child, OPS_PER_WORKER));
            if (v.get() != WORKERS * OPS_PER_WORKER) {
                throw new IllegalStateException("value is " + v.get());
            }
            return WORKERS * OPS_PER_WORKER / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        for (String variant : new String[] {"spawn", "warm"}) {
            boolean warm = variant.equals("warm");
            Process.setStartMethod(warm ? StartMethod.WARM : StartMethod.SPAWN);
            List<Double> samples = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                if (warm) {
                    Thread.sleep(1000);
                }
                double ms = counterRun();
                if (r > 0) {
                    samples.add(ms);
                }
            }
            Emit.emit("value_counter_100proc", "ms", samples, "variant", variant, "processes", PROCESSES);
        }
        try (Value<Integer> v = new Value<>(int.class, 0)) {
            soloRun(v, 100_000);
            List<Double> solo = new ArrayList<>();
            for (int r = 0; r < 5; r++) {
                solo.add(soloRun(v, SOLO_OPS));
            }
            if (v.get() != 100_000 + 5 * SOLO_OPS) {
                throw new IllegalStateException("value is " + v.get());
            }
            Emit.emit("value_locked_increment_1proc", "ops/s", solo, "processes", 1, "ops", SOLO_OPS);
        }
        Process.setStartMethod(StartMethod.SPAWN);
        incrementRun();
        List<Double> samples = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            samples.add(incrementRun());
        }
        Emit.emit("value_locked_increment_4proc", "ops/s", samples, "processes", WORKERS, "ops_per_process", OPS_PER_WORKER);
        System.exit(0); // idle warm JVMs end with us
    }
}
