// requires: io.github.mp4j.Cluster
package io.github.mp4j.bench;

import io.github.mp4j.Cluster;
import io.github.mp4j.Pool;

import java.util.ArrayList;
import java.util.List;

/**
 * Pools on a local Apache Ignite cluster (issue 7) beside the local pool. No Python twin: the rows
 * are "info".
 *
 * <ul>
 *   <li>{@code cluster_node_start} -- {@code Cluster.startLocal(n)} until this JVM has joined the n
 *       server nodes (child JVMs), ms; n = 1, 2, 3.</li>
 *   <li>{@code cluster_apply_async} -- 2,000 {@code applyAsync} tasks submitted at once, then every
 *       result read, tasks/s; on {@code Pool.on(cluster)} (default parallelism) for n = 1, 2, 3, and
 *       on a local {@code Pool(2)} ({@code variant "local"}).</li>
 *   <li>{@code cluster_map} -- {@code map} over 100,000 ints with the default chunk size, items/s;
 *       same pools (PoolBench's map figure).</li>
 * </ul>
 * Each figure: one untimed pass, then 3 timed. Pool creation is not timed.
 */
public final class ClusterBench {

    private static final int RUNS = 3;

    private ClusterBench() {}

    static void figures(Pool pool, Object... fields) throws Exception {
        String[] names = {"cluster_apply_async", "cluster_map"};
        PoolBench.Figure[] figures = {p -> PoolBench.applyAsync(p, 2_000), PoolBench::mapDefault};
        for (int f = 0; f < figures.length; f++) {
            figures[f].run(pool);
            List<Double> samples = new ArrayList<>();
            for (int r = 0; r < RUNS; r++) {
                samples.add(figures[f].run(pool));
            }
            Object[] extra = new Object[fields.length + 2];
            System.arraycopy(fields, 0, extra, 0, fields.length);
            extra[fields.length] = "slots";
            extra[fields.length + 1] = pool.processes();
            Emit.emit(names[f], f == 0 ? "tasks/s" : "items/s", samples, extra);
        }
    }

    public static void main(String[] args) throws Exception {
        try (Pool pool = new Pool(2)) {
            figures(pool, "variant", "local", "nodes", 0);
        }
        for (int n = 1; n <= 3; n++) {
            long t0 = System.nanoTime();
            try (Cluster cluster = Cluster.startLocal(n)) {
                Emit.emit("cluster_node_start", "ms", List.of((System.nanoTime() - t0) / 1e6), "nodes", n);
                try (Pool pool = Pool.on(cluster)) {
                    figures(pool, "variant", "cluster", "nodes", n);
                }
            }
        }
        System.out.println("{\"loadavg\":\"" + loadAverage() + "\"}");
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
