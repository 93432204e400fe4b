// requires: io.github.mp4j.Manager
package io.github.mp4j.bench;

import io.github.mp4j.AcquirerProxy;
import io.github.mp4j.DictProxy;
import io.github.mp4j.Event;
import io.github.mp4j.Held;
import io.github.mp4j.ListProxy;
import io.github.mp4j.Manager;
import io.github.mp4j.Process;
import io.github.mp4j.Queue;
import io.github.mp4j.StartMethod;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * mp4j's side of {@code anchors/python/manager_ops.py}.
 *
 * <ul>
 *   <li>{@code manager_startup} -- {@code Manager.start()} until the server listens, ms; variants
 *       {@code warm} (the server JVM from the warm pool), {@code spawn} (a fresh JVM) and
 *       {@code warm_paced} (300 ms between starts, so the pool has refilled): 1 warm-up + 10 timed.
 *       {@code manager_shutdown} -- {@code close()} after each warm start, ms.</li>
 *   <li>{@code manager_locked_decrement} -- {@code try (Held h = lock.hold()) { d.put("count",
 *       d.get("count") - 1); }}, 4,000 ops from 1 worker process and from 4 (1,000 each), timed from
 *       the release of the workers to the last one's end; the final count must be exactly 0. Variant
 *       {@code fresh}: the workers' JVMs run the loop for the first time, as Python's workers do;
 *       variant {@code warmed}: each worker first runs its share of the loop once untimed, so the
 *       figure shows the loop once the JIT has compiled the client side.</li>
 *   <li>{@code manager_compute_decrement} -- the same with {@code d.compute("count", (k, v) -> v - 1)}
 *       and no lock: one call per op.</li>
 *   <li>{@code manager_dict_set}, {@code manager_dict_get}, {@code manager_list_append} -- 10,000 ops
 *       from this process.</li>
 * </ul>
 * Workers are warm-started Processes; like Python's, whose proxies connect when they are unpickled,
 * each makes one call before the timed part. Every wait is bounded.
 */
public final class ManagerBench {

    private static final int RUNS = 5;
    private static final int TOTAL_LOCKED_OPS = 4_000;
    private static final int SIMPLE_OPS = 10_000;
    private static final Duration BOUND = Duration.ofSeconds(60);

    private ManagerBench() {}

    public static void main(String[] args) throws Exception {
        Process.setStartMethod(StartMethod.WARM);
        Thread.sleep(1500); // the warm pool fills
        startup();
        try (Manager manager = Manager.start()) {
            for (int procs : new int[] {1, 4}) {
                decrement(manager, procs, true, false);
                decrement(manager, procs, true, true);
                decrement(manager, procs, false, false);
            }
            simple(manager);
        }
    }

    private static void startup() throws Exception {
        for (String variant : new String[] {"warm", "spawn", "warm_paced"}) {
            Process.setStartMethod(variant.equals("spawn") ? StartMethod.SPAWN : StartMethod.WARM);
            Thread.sleep(1500);
            List<Double> start = new ArrayList<>();
            List<Double> stop = new ArrayList<>();
            for (int k = 0; k < 11; k++) {
                if (variant.equals("warm_paced")) {
                    Thread.sleep(300);
                }
                long t0 = System.nanoTime();
                Manager m = Manager.start();
                long t1 = System.nanoTime();
                m.close();
                long t2 = System.nanoTime();
                if (k > 0) {
                    start.add((t1 - t0) / 1e6);
                    stop.add((t2 - t1) / 1e6);
                }
            }
            Emit.emit("manager_startup", "ms", start, "variant", variant);
            if (variant.equals("warm")) {
                Emit.emit("manager_shutdown", "ms", stop, "variant", variant);
            }
        }
        Process.setStartMethod(StartMethod.WARM);
    }

    private static void decrement(Manager manager, int procs, boolean locked, boolean warmed) throws Exception {
        List<Double> samples = new ArrayList<>();
        for (int k = 0; k <= RUNS; k++) { // run 0 = warm-up
            double opsPerSecond = decrementRun(manager, procs, locked, warmed);
            if (k > 0) {
                samples.add(opsPerSecond);
            }
        }
        Emit.emit(locked ? "manager_locked_decrement" : "manager_compute_decrement", "ops/s", samples,
                "processes", procs, "total_ops", TOTAL_LOCKED_OPS, "rpcs_per_op", locked ? 4 : 1,
                "variant", warmed ? "warmed" : "fresh");
    }

    private static double decrementRun(Manager manager, int procs, boolean locked, boolean warmed)
            throws Exception {
        DictProxy<String, Integer> d = manager.dict();
        AcquirerProxy lock = manager.lock();
        d.put("count", warmed ? 2 * TOTAL_LOCKED_OPS : TOTAL_LOCKED_OPS);
        int per = TOTAL_LOCKED_OPS / procs;
        Event go = new Event();
        Queue ends = new Queue();
        List<Process> workers = new ArrayList<>();
        for (int i = 0; i < procs; i++) {
            Process p = new Process(() -> {
                d.get("count"); // connects, as Python's unpickled proxy does
                if (warmed) {
                    decrementLoop(d, lock, per, locked);
                }
                ends.put("ready");
                go.await(BOUND);
                decrementLoop(d, lock, per, locked);
                ends.put(System.nanoTime());
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
        long tStart = System.nanoTime();
        go.set();
        long tEnd = 0;
        for (int i = 0; i < procs; i++) {
            tEnd = Math.max(tEnd, (Long) ends.get(BOUND));
        }
        for (Process p : workers) {
            p.join(BOUND);
        }
        int last = d.get("count");
        if (last != 0) {
            throw new IllegalStateException("decrement lost updates: final count " + last);
        }
        return TOTAL_LOCKED_OPS / ((tEnd - tStart) / 1e9);
    }

    /** {@code ops} decrements of {@code d}'s "count": under {@code lock} if {@code locked}, else by compute. */
    @SuppressWarnings("try") // the held lock is the point of the block
    static void decrementLoop(DictProxy<String, Integer> d, AcquirerProxy lock, int ops, boolean locked)
            throws InterruptedException {
        for (int n = 0; n < ops; n++) {
            if (locked) {
                try (Held held = lock.hold()) {
                    d.put("count", d.get("count") - 1);
                }
            } else {
                d.compute("count", (key, v) -> v - 1);
            }
        }
    }

    private static void simple(Manager manager) {
        int n = SIMPLE_OPS;
        List<Double> set = new ArrayList<>();
        List<Double> get = new ArrayList<>();
        List<Double> append = new ArrayList<>();
        for (int k = 0; k <= RUNS; k++) {
            DictProxy<Integer, Integer> d = manager.dict();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                d.put(i, i);
            }
            long t1 = System.nanoTime();
            long s = 0;
            for (int i = 0; i < n; i++) {
                s += d.get(i);
            }
            long t2 = System.nanoTime();
            if (s != (long) n * (n - 1) / 2) {
                throw new IllegalStateException("wrong sum " + s);
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
        Emit.emit("manager_dict_set", "ops/s", set, "processes", 1, "ops", n);
        Emit.emit("manager_dict_get", "ops/s", get, "processes", 1, "ops", n);
        Emit.emit("manager_list_append", "ops/s", append, "processes", 1, "ops", n);
    }
}
