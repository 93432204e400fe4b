package io.github.mp4j.bench;

import io.github.mp4j.Connection;
import io.github.mp4j.Pipe;
import io.github.mp4j.Process;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * mp4j's side of {@code anchors/python/pipe_throughput.py}: {@link Pipe#open()} (duplex) between
 * this JVM and one child Process. MB = 1e6 payload bytes.
 *
 * <ul>
 *   <li>{@code pipe_roundtrip} -- send(i) / recv() echo of a small int (a boxed Integer through
 *       Java serialization), 1 000 warm-up then 20 000 round trips per run, msgs/s.</li>
 *   <li>{@code pipe_send_bytes_1k} -- one-way sendBytes(1 KiB) for ~2 s (warm-up round 0.2 s),
 *       child recvBytes(), msgs/s and MB/s.</li>
 *   <li>{@code pipe_send_bytes_1m} -- one-way sendBytes(1 MiB) x 512, child recvBytes(), MB/s.</li>
 *   <li>{@code pipe_recv_bytes_into_1m} -- the same, child recvBytesInto(preallocated 1 MiB).</li>
 * </ul>
 * One-way timings run from the first send until the child acknowledges that it received
 * everything. 5 timed runs after one warm-up round; every wait is bounded.
 */
public final class PipeThroughput {

    private static final int RUNS = 5;
    private static final int KIB = 1024;
    private static final int MIB = 1024 * 1024;
    private static final double MB = 1e6;
    private static final String TRANSPORT = "mp4j Pipe.open() duplex = two FIFOs";

    private PipeThroughput() {}

    /* ---------------------------------------------------------------- children */

    static void echoChild(Connection conn, int maxMsgs) throws IOException {
        for (int i = 0; i < maxMsgs; i++) {
            Object x = conn.recv();
            if (x == null) {
                break;
            }
            conn.send(x);
        }
        conn.close();
    }

    /** Receives messages until an empty one, reports {count, bytes}; repeats per round. */
    static void sinkChild(Connection conn, boolean into, int bufSize, int maxRounds, long maxMsgs) throws IOException {
        byte[] buf = new byte[bufSize];
        for (int r = 0; r < maxRounds; r++) {
            long count = 0;
            long nbytes = 0;
            for (long m = 0; m < maxMsgs; m++) {
                int n = into ? conn.recvBytesInto(buf) : conn.recvBytes().length;
                if (n == 0) {
                    break;
                }
                count++;
                nbytes += n;
            }
            conn.send(new long[] {count, nbytes});
            if ("stop".equals(conn.recv())) {
                break;
            }
        }
        conn.close();
    }

    interface ChildBody extends java.io.Serializable {
        void run(Connection conn) throws Exception;
    }

    record Started(Connection conn, Process process) {}

    static Started startChild(ChildBody body) throws Exception {
        Pipe pipe = Pipe.open();
        Connection child = pipe.conn2();
        Process p = new Process(() -> body.run(child));
        p.setDaemon(true);
        p.start();
        child.close();
        return new Started(pipe.conn1(), p);
    }

    static void finish(Started s) throws Exception {
        s.process().join(Duration.ofSeconds(10));
        s.conn().close();
        if (!Integer.valueOf(0).equals(s.process().exitCode())) {
            throw new IllegalStateException("child exit code " + s.process().exitCode());
        }
    }

    /* ---------------------------------------------------------------- figures */

    static void benchRoundtrip() throws Exception {
        int n = 20_000;
        int maxMsgs = (RUNS + 1) * n + 10;
        Started s = startChild(c -> echoChild(c, maxMsgs));
        Connection conn = s.conn();
        for (int i = 0; i < 1000; i++) {
            conn.send(i);
            conn.recv();
        }
        List<Double> samples = new ArrayList<>();
        for (int r = 0; r < RUNS; r++) {
            Object last = null;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                conn.send(i);
                last = conn.recv();
            }
            long dt = System.nanoTime() - t0;
            if (!Integer.valueOf(n - 1).equals(last)) {
                throw new IllegalStateException("echo returned " + last);
            }
            samples.add(n / (dt / 1e9));
        }
        conn.send(null);
        finish(s);
        Emit.emit("pipe_roundtrip", "msgs/s", samples, "payload", "int", "round_trips", n,
                "transport", TRANSPORT);
    }

    /** One sending round: returns {t0 nanos, messages sent, bytes sent}. */
    interface SendRound {
        long[] send(Connection conn, int round) throws IOException;
    }

    /** Runs the warm-up round and {@code timedRounds} timed ones; returns {count, bytes, seconds} each. */
    static List<double[]> runSink(boolean into, int size, int timedRounds, SendRound sendRound) throws Exception {
        long maxMsgs = 50_000_000L;
        int maxRounds = timedRounds + 1;
        Started s = startChild(c -> sinkChild(c, into, size, maxRounds, maxMsgs));
        Connection conn = s.conn();
        List<double[]> results = new ArrayList<>();
        for (int r = 0; r <= timedRounds; r++) { // round 0 = warm-up
            long[] sent = sendRound.send(conn, r);
            conn.sendBytes(new byte[0]);
            if (!conn.poll(Duration.ofSeconds(60))) {
                throw new IllegalStateException("sink child did not acknowledge within 60 s");
            }
            long[] got = (long[]) conn.recv();
            long dt = System.nanoTime() - sent[0];
            if (got[0] != sent[1] || got[1] != sent[2]) {
                throw new IllegalStateException("sent " + Arrays.toString(sent) + " got " + Arrays.toString(got));
            }
            conn.send(r == timedRounds ? "stop" : "again");
            if (r > 0) {
                results.add(new double[] {got[0], got[1], dt / 1e9});
            }
        }
        finish(s);
        return results;
    }

    static void benchSmallOneway() throws Exception {
        byte[] payload = new byte[KIB];
        Arrays.fill(payload, (byte) 'x');
        double duration = 2.0;
        int maxIter = 10_000; // x 256 messages: hard bound on the time-bounded loop
        List<double[]> res = runSink(false, KIB, RUNS, (conn, round) -> {
            double d = round == 0 ? 0.2 : duration;
            long t0 = System.nanoTime();
            long deadline = t0 + (long) (d * 1e9);
            long sent = 0;
            for (int it = 0; it < maxIter; it++) {
                for (int k = 0; k < 256; k++) {
                    conn.sendBytes(payload);
                }
                sent += 256;
                if (System.nanoTime() >= deadline) {
                    break;
                }
            }
            return new long[] {t0, sent, sent * payload.length};
        });
        Emit.emit("pipe_send_bytes_1k", "msgs/s", res.stream().map(x -> x[0] / x[2]).toList(),
                "msg_bytes", KIB, "seconds_per_run", duration, "receiver", "recvBytes");
        Emit.emit("pipe_send_bytes_1k", "MB/s", res.stream().map(x -> x[1] / x[2] / MB).toList(),
                "msg_bytes", KIB, "seconds_per_run", duration, "receiver", "recvBytes");
    }

    static void benchLargeOneway(boolean into, String bench) throws Exception {
        byte[] payload = new byte[MIB];
        Arrays.fill(payload, (byte) 'x');
        int nmsgs = 512;
        List<double[]> res = runSink(into, MIB, RUNS, (conn, round) -> {
            long t0 = System.nanoTime();
            for (int i = 0; i < nmsgs; i++) {
                conn.sendBytes(payload);
            }
            return new long[] {t0, nmsgs, (long) nmsgs * MIB};
        });
        Emit.emit(bench, "MB/s", res.stream().map(x -> x[1] / x[2] / MB).toList(), "msg_bytes", MIB,
                "msgs_per_run", nmsgs, "receiver", into ? "recvBytesInto" : "recvBytes");
    }

    public static void main(String[] args) throws Exception {
        List<String> only = Arrays.asList(args);
        if (only.isEmpty() || only.contains("roundtrip")) {
            benchRoundtrip();
        }
        if (only.isEmpty() || only.contains("1k")) {
            benchSmallOneway();
        }
        if (only.isEmpty() || only.contains("1m")) {
            benchLargeOneway(false, "pipe_send_bytes_1m");
        }
        if (only.isEmpty() || only.contains("into")) {
            benchLargeOneway(true, "pipe_recv_bytes_into_1m");
        }
        System.exit(0);
    }
}
