package io.github.mp4j.bench;

import io.github.mp4j.Acquirer;
import io.github.mp4j.Connection;
import io.github.mp4j.Pipe;
import io.github.mp4j.Process;
import io.github.mp4j.Task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Child Processes that start their timed work together, so that the figure holds no process start:
 * this JVM holds a gate (the lock under test) while they start; each reports "ready" through its
 * own Pipe, then blocks on the gate; the time runs from the gate's release until every child has
 * reported "done". The shape of the anchors' contended runs ({@code lock_uncontended.py},
 * {@code value_counter.py}).
 */
final class GatedWorkers {

    private GatedWorkers() {}

    /**
     * Runs {@code workers} children, the task {@code worker} makes for each one's end of its pipe (a
     * task that ends with {@link #ready}, work, {@link #done}), and returns the seconds from the
     * gate's release until all are done. Every wait is bounded; a child that fails fails the run.
     */
    static double seconds(Acquirer gate, int workers, Function<Connection, Task> worker) throws Exception {
        List<Connection> conns = new ArrayList<>();
        List<Process> procs = new ArrayList<>();
        long t0;
        gate.acquire();
        try {
            for (int w = 0; w < workers; w++) {
                Pipe pipe = Pipe.open();
                Connection child = pipe.conn2();
                Process p = new Process(worker.apply(child));
                p.setDaemon(true);
                p.start();
                child.close();
                conns.add(pipe.conn1());
                procs.add(p);
            }
            for (Connection c : conns) {
                if (!c.poll(Duration.ofSeconds(30)) || !"ready".equals(c.recv())) {
                    throw new IllegalStateException("worker did not report ready");
                }
            }
        } finally {
            t0 = System.nanoTime();
            gate.release();
        }
        for (Connection c : conns) {
            if (!c.poll(Duration.ofSeconds(60))) {
                throw new IllegalStateException("worker did not finish within 60 s");
            }
            Object msg = c.recv();
            if (!"done".equals(msg)) {
                throw new IllegalStateException("worker reported " + msg);
            }
        }
        long dt = System.nanoTime() - t0;
        for (Process p : procs) {
            p.join(Duration.ofSeconds(10));
            if (!Integer.valueOf(0).equals(p.exitCode())) {
                throw new IllegalStateException("worker exit code " + p.exitCode());
            }
        }
        for (Connection c : conns) {
            c.close();
        }
        return dt / 1e9;
    }

    /** The child's first step: tells the parent it is about to block on the gate. */
    static void ready(Connection conn) throws Exception {
        conn.send("ready");
    }

    /** The child's last step: tells the parent its work is done, and closes its end. */
    static void done(Connection conn) throws Exception {
        conn.send("done");
        conn.close();
    }
}
