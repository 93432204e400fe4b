// requires: io.github.mp4j.Lock
package io.github.mp4j.bench;

import io.github.mp4j.Connection;
import io.github.mp4j.Lock;

import java.util.ArrayList;
import java.util.List;

/**
 * mp4j's side of {@code bench/anchors/lock_uncontended.py}. Compiled by run.sh only once
 * {@code io.github.mp4j.Lock} exists (see the "requires" line above); it uses nothing but
 * {@code new Lock()}, {@code acquire()} and {@code release()}.
 *
 * <ul>
 *   <li>{@code lock_uncontended} -- acquire(); release() in this JVM with nobody else on the lock:
 *       100 000 warm-up pairs, then 5 runs of 1 000 000, ops/s (one op = acquire + release).</li>
 *   <li>{@code lock_contended_4proc} -- 4 child Processes each do 10 000 x (acquire; release).
 *       This JVM holds the lock while they start; each reports "ready" through its own Pipe and
 *       blocks in its first acquire. Timed from our release until every child reported "done";
 *       1 warm-up + 5 runs, ops/s over the 40 000 pairs.</li>
 * </ul>
 */
public final class LockBench {

    private static final int RUNS = 5;
    private static final int UNCONTENDED_OPS = 1_000_000;
    private static final int WORKERS = 4;
    private static final int OPS_PER_WORKER = 10_000;

    private LockBench() {}

    static void benchUncontended() throws Exception {
        Lock lock = new Lock();
        for (int i = 0; i < 100_000; i++) {
            lock.acquire();
            lock.release();
        }
        List<Double> samples = new ArrayList<>();
        for (int r = 0; r < RUNS; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < UNCONTENDED_OPS; i++) {
                lock.acquire();
                lock.release();
            }
            long dt = System.nanoTime() - t0;
            samples.add(UNCONTENDED_OPS / (dt / 1e9));
        }
        Emit.emit("lock_uncontended", "ops/s", samples, "ops", UNCONTENDED_OPS, "processes", 1,
                "lock", "io.github.mp4j.Lock");
    }

    static void contendedWorker(Lock lock, Connection conn, int n) throws Exception {
        GatedWorkers.ready(conn);
        for (int i = 0; i < n; i++) {
            lock.acquire();
            lock.release();
        }
        GatedWorkers.done(conn);
    }

    static double contendedRun() throws Exception {
        Lock lock = new Lock();
        double seconds = GatedWorkers.seconds(lock, WORKERS, child -> () -> contendedWorker(lock, child, OPS_PER_WORKER));
        return WORKERS * OPS_PER_WORKER / seconds;
    }

    public static void main(String[] args) throws Exception {
        benchUncontended();
        contendedRun(); // warm-up
        List<Double> samples = new ArrayList<>();
        for (int r = 0; r < RUNS; r++) {
            samples.add(contendedRun());
        }
        Emit.emit("lock_contended_4proc", "ops/s", samples, "processes", WORKERS, "ops_per_process", OPS_PER_WORKER);
        System.exit(0);
    }
}
