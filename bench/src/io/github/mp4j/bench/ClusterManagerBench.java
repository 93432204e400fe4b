// requires: io.github.mp4j.cluster.IgniteStore
package io.github.mp4j.bench;

import io.github.mp4j.AcquirerProxy;
import io.github.mp4j.Cluster;
import io.github.mp4j.DictProxy;
import io.github.mp4j.Event;
import io.github.mp4j.ListProxy;
import io.github.mp4j.Manager;
import io.github.mp4j.Process;
import io.github.mp4j.Queue;
import io.github.mp4j.cluster.NodeConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Manager.on(cluster)} (a local cluster of two server nodes, {@code Cluster.startLocal(2)})
 * beside the local {@code Manager.start()}, on the same operations as {@link ManagerBench}; every
 * figure has {@code "backend": "cluster"} or {@code "local"}. No Python anchor: the comparison is
 * with the local manager.
 *
 * <ul>
 *   <li>{@code cluster_manager_dict_set}, {@code cluster_manager_dict_get},
 *       {@code cluster_manager_list_append} -- ops/s from this process (2,000 ops on the cluster,
 *       10,000 locally; the list grows with each run, as the cluster moves whole objects).</li>
 *   <li>{@code cluster_manager_locked_decrement} -- {@code lock.hold()} then get and put, and
 *       {@code cluster_manager_compute_decrement} -- one {@code compute}, from 1 and 2 worker
 *       processes; the workers join the cluster before the timed part; the count must end at 0.</li>
 * </ul>
 * Runs itself again with Ignite's JVM options when started without them.
 */
public final class ClusterManagerBench {

    private static final int RUNS = 3;
    private static final Duration BOUND = Duration.ofSeconds(120);

    private ClusterManagerBench() {}

    public static void main(String[] args) throws Exception {
        if (!Object.class.getModule().isOpen("java.nio", ClusterManagerBench.class.getModule())) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(NodeConfig.jvmOptions());
            command.addAll(List.of("-Xss1m", "-cp", System.getProperty("java.class.path"),
                    ClusterManagerBench.class.getName()));
            command.addAll(List.of(args));
            System.exit(new ProcessBuilder(command).inheritIO().start().waitFor());
        }
        try (Manager local = Manager.start()) {
            measure(local, "local", 10_000, 2_000);
        }
        try (Cluster cluster = Cluster.startLocal(2); Manager onCluster = Manager.on(cluster)) {
            measure(onCluster, "cluster", 2_000, 400);
        }
    }

    private static void measure(Manager manager, String backend, int simpleOps, int decrementOps) throws Exception {
        simple(manager, backend, simpleOps);
        for (int procs : new int[] {1, 2}) {
            decrement(manager, backend, procs, decrementOps);
        }
    }

    private static void simple(Manager manager, String backend, int n) {
        List<Double> set = new ArrayList<>();
        List<Double> get = new ArrayList<>();
        List<Double> append = new ArrayList<>();
        for (int k = 0; k <= RUNS; k++) { // run 0 = warm-up
            DictProxy<Integer, Integer> d = manager.dict();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                d.put(i % 16, i);
            }
            long t1 = System.nanoTime();
            long s = 0;
            for (int i = 0; i < n; i++) {
                s += d.get(i % 16);
            }
            long t2 = System.nanoTime();
            if (s == 0) {
                throw new IllegalStateException("nothing read");
            }
            ListProxy<Integer> list = manager.list();
            long t3 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                list.add(i);
            }
            long t4 = System.nanoTime();
            if (list.size() != n) {
                throw new IllegalStateException("wrong list size");
            }
            if (k > 0) {
                set.add(n / ((t1 - t0) / 1e9));
                get.add(n / ((t2 - t1) / 1e9));
                append.add(n / ((t4 - t3) / 1e9));
            }
        }
        Emit.emit("cluster_manager_dict_set", "ops/s", set, "backend", backend, "ops", n, "keys", 16);
        Emit.emit("cluster_manager_dict_get", "ops/s", get, "backend", backend, "ops", n, "keys", 16);
        Emit.emit("cluster_manager_list_append", "ops/s", append, "backend", backend, "ops", n);
    }

    /** Both decrements with {@code procs} workers that stay for every run of both. */
    private static void decrement(Manager manager, String backend, int procs, int total) throws Exception {
        int runs = 2 * (RUNS + 1); // locked runs, then compute runs; the first of each is a warm-up
        DictProxy<String, Integer> d = manager.dict();
        AcquirerProxy lock = manager.lock();
        List<Event> go = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            go.add(new Event());
        }
        Queue ends = new Queue();
        int per = total / procs;
        List<Process> workers = new ArrayList<>();
        for (int i = 0; i < procs; i++) {
            Process p = new Process(() -> {
                d.get("count"); // joins the cluster, outside the timed part
                ends.put("ready");
                for (int r = 0; r < runs; r++) {
                    go.get(r).await(BOUND);
                    ManagerBench.decrementLoop(d, lock, per, r <= RUNS);
                    ends.put(System.nanoTime());
                }
            });
            p.setDaemon(true);
            p.start();
            workers.add(p);
        }
        for (int i = 0; i < procs; i++) {
            if (!"ready".equals(ends.get(BOUND))) {
                throw new IllegalStateException("a worker did not get ready");
            }
        }
        List<Double> locked = new ArrayList<>();
        List<Double> computed = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            d.put("count", per * procs);
            long tStart = System.nanoTime();
            go.get(r).set();
            long tEnd = 0;
            for (int i = 0; i < procs; i++) {
                tEnd = Math.max(tEnd, (Long) ends.get(BOUND));
            }
            int last = d.get("count");
            if (last != 0) {
                throw new IllegalStateException("decrement lost updates: final count " + last);
            }
            double opsPerSecond = per * procs / ((tEnd - tStart) / 1e9);
            if (r != 0 && r != RUNS + 1) {
                (r <= RUNS ? locked : computed).add(opsPerSecond);
            }
        }
        for (Process p : workers) {
            p.join(BOUND);
        }
        Emit.emit("cluster_manager_locked_decrement", "ops/s", locked, "backend", backend, "processes", procs,
                "total_ops", per * procs);
        Emit.emit("cluster_manager_compute_decrement", "ops/s", computed, "backend", backend, "processes", procs,
                "total_ops", per * procs);
    }
}
