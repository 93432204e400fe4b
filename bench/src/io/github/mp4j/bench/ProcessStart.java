package io.github.mp4j.bench;

import io.github.mp4j.Process;
import io.github.mp4j.StartMethod;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * mp4j's side of {@code anchors/python/process_start.py}.
 *
 * <ul>
 *   <li>{@code process_start_join} -- {@code new Process(noop).start(); p.join()} per start method
 *       ({@code spawn}, {@code warm}): 3 warm-ups, then 30 timed, back to back, in ms.</li>
 *   <li>{@code seed_100_processes} -- start 100 Processes running {@code func(i)}, then join all
 *       (wall, ms), 5 runs per start method (fewer if they exceed a 90 s budget).</li>
 *   <li>{@code process_start_join} variant {@code warm_paced} (diagnostic, no Python twin): like
 *       {@code warm} but sleeping 300 ms before each start so the warm pool has refilled (10 runs); it shows
 *       what a start costs when an idle JVM is really waiting.</li>
 *   <li>{@code process_start_join} variant {@code bare_jvm} (diagnostic, no mp4j): a JVM with the
 *       children's flags that runs an empty {@code main}, started and waited for with
 *       {@link ProcessBuilder}: the floor under any fresh-JVM start.</li>
 * </ul>
 * {@code seed_pool4_map100} belongs to the Pool benchmarks and is not measured here.
 * Every join is bounded; a child that does not exit 0 fails the benchmark.
 */
public final class ProcessStart {

    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SEED_JOIN_TIMEOUT = Duration.ofSeconds(60);
    /** No new seed run starts after this long (per start method), so an overloaded machine still
     *  finishes within run.sh's timeout; "runs" then says how many were done. */
    private static final long SEED_BUDGET_NANOS = Long.getLong("mp4j.bench.seedBudgetSeconds", 90) * 1_000_000_000L;

    private ProcessStart() {}

    static void noop() {
        // nothing: the figure is the cost of a process
    }

    static void func(int x) {
        int n = 0;
        for (int i = 0; i < 5; i++) {
            n = i;
        }
        if (n != 4) {
            throw new AssertionError(x);
        }
    }

    static List<Double> startJoinLatency(int warmup, int runs, long pauseMs) throws Exception {
        List<Double> samples = new ArrayList<>();
        for (int k = 0; k < warmup + runs; k++) {
            if (pauseMs > 0) {
                Thread.sleep(pauseMs);
            }
            long t0 = System.nanoTime();
            Process p = new Process(ProcessStart::noop);
            p.start();
            p.join(JOIN_TIMEOUT);
            long dt = System.nanoTime() - t0;
            if (!Integer.valueOf(0).equals(p.exitCode())) {
                throw new IllegalStateException("child exit code " + p.exitCode());
            }
            if (k >= warmup) {
                samples.add(dt / 1e6);
            }
        }
        return samples;
    }

    static double seedProcs() throws Exception {
        long t0 = System.nanoTime();
        List<Process> procs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int x = i;
            Process p = new Process(() -> func(x));
            p.start();
            procs.add(p);
        }
        for (Process p : procs) {
            p.join(SEED_JOIN_TIMEOUT);
        }
        long dt = System.nanoTime() - t0;
        List<Integer> bad = new ArrayList<>();
        for (Process p : procs) {
            if (!Integer.valueOf(0).equals(p.exitCode())) {
                bad.add(p.exitCode());
            }
        }
        if (!bad.isEmpty()) {
            throw new IllegalStateException("seed_procs: bad exit codes " + bad.subList(0, Math.min(5, bad.size())));
        }
        return dt / 1e6;
    }

    /** Starts a JVM that returns from main at once, as a child JVM is started (flags, CDS); waits for it. */
    static List<Double> bareJvmLatency(int warmup, int runs) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), ProcessStart.class.getName(), EMPTY);
        List<Double> samples = new ArrayList<>();
        for (int k = 0; k < warmup + runs; k++) {
            long t0 = System.nanoTime();
            java.lang.Process p = new ProcessBuilder(command).inheritIO().start();
            if (!p.waitFor(JOIN_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("the bare JVM did not exit 0 in time");
            }
            if (k >= warmup) {
                samples.add((System.nanoTime() - t0) / 1e6);
            }
        }
        return samples;
    }

    private static final String EMPTY = "--empty";

    public static void main(String[] args) throws Exception {
        String only = args.length > 0 ? args[0] : "all";
        if (only.equals(EMPTY)) {
            return;
        }
        Emit.emit("process_start_join", "ms", bareJvmLatency(3, 30), "variant", "bare_jvm");
        for (String variant : new String[] {"spawn", "warm"}) {
            Process.setStartMethod(variant.equals("warm") ? StartMethod.WARM : StartMethod.SPAWN);
            if (variant.equals("warm")) {
                Thread.sleep(1000); // let the pool fill before the warm-ups, as forkserver starts its server
            }
            Emit.emit("process_start_join", "ms", startJoinLatency(3, 30, 0), "variant", variant,
                    "idle_warm_jvms", Integer.getInteger("mp4j.warm.idle", 2));
        }
        if (!only.equals("quick")) {
            Process.setStartMethod(StartMethod.WARM);
            Emit.emit("process_start_join", "ms", startJoinLatency(3, 10, 300), "variant", "warm_paced",
                    "pause_ms", 300, "idle_warm_jvms", Integer.getInteger("mp4j.warm.idle", 2));
            for (String variant : new String[] {"spawn", "warm"}) {
                Process.setStartMethod(variant.equals("warm") ? StartMethod.WARM : StartMethod.SPAWN);
                if (variant.equals("warm")) {
                    Thread.sleep(1000);
                }
                List<Double> s = new ArrayList<>();
                long budget = System.nanoTime() + SEED_BUDGET_NANOS;
                for (int r = 0; r < 5 && (r == 0 || System.nanoTime() < budget); r++) {
                    s.add(seedProcs());
                    if (variant.equals("warm")) {
                        Thread.sleep(1000); // the pool refills between runs, as a forkserver stays up
                    }
                }
                Emit.emit("seed_100_processes", "ms", s, "variant", variant,
                        "budget_s", SEED_BUDGET_NANOS / 1_000_000_000L);
            }
        }
        System.exit(0); // idle warm JVMs end with us
    }
}
