// requires: io.github.mp4j.Pool
package io.github.mp4j.bench;

import io.github.mp4j.AsyncResult;
import io.github.mp4j.Pool;
import io.github.mp4j.PoolState;
import io.github.mp4j.Process;
import io.github.mp4j.StartMethod;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * mp4j's side of {@code anchors/python/pool_throughput.py} and of the seed figures of
 * {@code process_start.py}.
 *
 * <ul>
 *   <li>{@code pool_map_default_chunk}, {@code pool_map_chunk1}, {@code pool_apply_async},
 *       {@code pool_apply_sync} -- as the anchor: one {@code Pool(2)}, warmed up with a chunksize-1
 *       map over 1000; per figure one untimed pass, then 5 timed; tasks/s. Creation is not timed.</li>
 *   <li>{@code seed_pool4_map100} -- {@code try (Pool pool = new Pool(4)) { pool.map(func, 0..99); }}
 *       wall time including start and close (all workers exited), ms; spawn and warm.</li>
 *   <li>{@code seed_100_processes} -- as in {@link ProcessStart}, for the pool group's table.</li>
 *   <li>{@code pool_worker_rss} -- resident size of an idle worker JVM (VmRSS), MB.</li>
 * </ul>
 * With the argument {@code throughput} only the throughput and memory figures run.
 */
public final class PoolBench {

    private static final Duration GET_TIMEOUT = Duration.ofSeconds(60);
    private static final int RUNS = 5;

    private PoolBench() {}

    static int square(int x) {
        return x * x;
    }

    static double mapDefault(Pool pool) throws Exception {
        int n = 100_000;
        List<Integer> input = range(n);
        long t0 = System.nanoTime();
        List<Integer> r = pool.mapAsync(PoolBench::square, input).get(GET_TIMEOUT);
        double dt = (System.nanoTime() - t0) / 1e9;
        check(r.size() == n && r.get(n - 1) == (n - 1) * (n - 1));
        return n / dt;
    }

    static double mapChunk1(Pool pool) throws Exception {
        int n = 10_000;
        List<Integer> input = range(n);
        long t0 = System.nanoTime();
        List<Integer> r = pool.mapAsync(PoolBench::square, input, 1).get(GET_TIMEOUT);
        double dt = (System.nanoTime() - t0) / 1e9;
        check(r.size() == n && r.get(n - 1) == (n - 1) * (n - 1));
        return n / dt;
    }

    static double applyAsync(Pool pool) throws Exception {
        return applyAsync(pool, 10_000);
    }

    /** {@code n} applyAsync tasks submitted at once, then every result read: tasks/s. */
    static double applyAsync(Pool pool, int n) throws Exception {
        long t0 = System.nanoTime();
        List<AsyncResult<Integer>> rs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int x = i;
            rs.add(pool.applyAsync(() -> square(x)));
        }
        int last = 0;
        for (AsyncResult<Integer> r : rs) {
            last = r.get(GET_TIMEOUT);
        }
        double dt = (System.nanoTime() - t0) / 1e9;
        check(last == (n - 1) * (n - 1));
        return n / dt;
    }

    static double applySync(Pool pool) throws Exception {
        int n = 2_000;
        long t0 = System.nanoTime();
        long sum = 0;
        for (int i = 0; i < n; i++) {
            int x = i;
            sum += pool.apply(() -> square(x));
        }
        double dt = (System.nanoTime() - t0) / 1e9;
        check(sum == IntStream.range(0, n).mapToLong(i -> (long) i * i).sum());
        return n / dt;
    }

    interface Figure {
        double run(Pool pool) throws Exception;
    }

    static double seedPool(StartMethod method) throws Exception {
        long t0 = System.nanoTime();
        try (Pool pool = Pool.builder().processes(4).startMethod(method).build()) {
            pool.map(x -> { ProcessStart.func(x); return null; }, range(100));
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    public static void main(String[] args) throws Exception {
        try (Pool pool = new Pool(2)) {
            pool.mapAsync(PoolBench::square, range(1000), 1).get(GET_TIMEOUT);
            String[] names = {"pool_map_default_chunk", "pool_map_chunk1", "pool_apply_async", "pool_apply_sync"};
            Figure[] figures = {PoolBench::mapDefault, PoolBench::mapChunk1, PoolBench::applyAsync, PoolBench::applySync};
            int[] tasks = {100_000, 10_000, 10_000, 2_000};
            for (int f = 0; f < figures.length; f++) {
                figures[f].run(pool);
                List<Double> samples = new ArrayList<>();
                for (int r = 0; r < RUNS; r++) {
                    samples.add(figures[f].run(pool));
                }
                Emit.emit(names[f], "tasks/s", samples, "workers", 2, "tasks", tasks[f]);
            }
            Thread.sleep(500); // idle
            List<Double> rss = new ArrayList<>();
            for (PoolState.Worker w : pool.state().workers()) {
                rss.add(residentMegabytes(w.pid()));
            }
            Emit.emit("pool_worker_rss", "MB", rss, "state", "idle after the throughput figures");
        }
        if (args.length > 0 && args[0].equals("throughput")) {
            System.exit(0); // a quicker run for tuning: no start-up figures
        }
        for (String variant : new String[] {"spawn", "warm"}) {
            StartMethod method = variant.equals("warm") ? StartMethod.WARM : StartMethod.SPAWN;
            if (method == StartMethod.WARM) {
                Process.setStartMethod(StartMethod.WARM); // fills the idle JVMs, as a forkserver starts
                Thread.sleep(1500);
            }
            seedPool(method);
            List<Double> samples = new ArrayList<>();
            for (int r = 0; r < RUNS; r++) {
                if (method == StartMethod.WARM) {
                    Thread.sleep(1500); // the warm JVMs refill between runs
                }
                samples.add(seedPool(method));
            }
            Emit.emit("seed_pool4_map100", "ms", samples, "variant", variant,
                    "idle_warm_jvms", Integer.getInteger("mp4j.warm.idle", 2));
        }
        List<Double> procs = new ArrayList<>();
        Process.setStartMethod(StartMethod.SPAWN);
        for (int r = 0; r < 3; r++) {
            procs.add(ProcessStart.seedProcs());
        }
        Emit.emit("seed_100_processes", "ms", procs, "variant", "spawn");
        System.exit(0); // idle warm JVMs end with us
    }

    private static double residentMegabytes(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new AssertionError("wrong result");
        }
    }
}
