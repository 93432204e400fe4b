package io.github.mp4j.bench;

import io.github.mp4j.Process;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Diagnostic prototype (no Python twin, not a target): where does one-way pipe throughput go?
 * Sends the same framed traffic as {@link PipeThroughput} (4-byte big-endian length + payload,
 * a zero-length frame ends a round, the receiver answers {count, bytes}) over a plain FIFO between
 * this JVM and one mp4j child, with different Java I/O paths on each side. Both sides open the FIFOs
 * O_RDWR by path (no EOF semantics needed here). Figures use impl "java-raw", bench
 * {@code probe_1m} (MB/s, 512 x 1 MiB) and {@code probe_1k} (msgs/s, ~1 s), with a variant:
 * <ul>
 *   <li>{@code stream}: FileOutputStream / FileInputStream on byte[] -- the calls mp4j's
 *       Connection makes today (header and payload read separately, exactly one message).</li>
 *   <li>{@code channel_direct}: FileChannel with a gathering write from direct buffers and exact
 *       reads into a direct buffer, then one copy into a fresh byte[] (what recvBytes returns).</li>
 *   <li>{@code channel_heap}: FileChannel on wrapped byte[] (the JDK copies through its cached
 *       per-thread direct buffer).</li>
 *   <li>{@code readahead} (1 KiB only): the receiver reads up to 64 KiB at once and cuts frames
 *       out of its buffer -- only legal when no other process reads the same end; an upper bound.</li>
 *   <li>{@code channel_nocopy} (1 MiB only): FileChannel from a prefilled direct buffer into a
 *       reused direct buffer, no byte[] at all -- the physical limit of a 64 KiB FIFO in Java.</li>
 *   <li>{@code shm} (1 MiB only): the idea from ipc-facts.md -- payloads go through a file in
 *       /dev/shm mapped by both sides (4 slots of 1 MiB); the FIFO carries only the 4-byte length,
 *       a second FIFO carries one credit byte back per consumed slot. Sender: one copy byte[] ->
 *       mapping; receiver: one copy mapping -> new byte[] (same API cost as recvBytes).</li>
 * </ul>
 */
public final class PipeProbe {

    private static final int MIB = 1024 * 1024;
    private static final int KIB = 1024;
    private static final int RUNS = 3;

    private PipeProbe() {}

    /* ---------------------------------------------------------------- receivers (child side) */

    static final int SHM_SLOTS = 4;

    static void sink(String dataPath, String ackPath, String mode, int rounds) throws Exception {
        try (FileChannel data = FileChannel.open(Path.of(dataPath), StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel ack = FileChannel.open(Path.of(ackPath), StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel creditCh = FileChannel.open(Path.of(ackPath + ".credit"), StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel shmCh = FileChannel.open(Path.of(ackPath + ".shm"), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            java.nio.MappedByteBuffer shm = mode.equals("shm")
                    ? shmCh.map(FileChannel.MapMode.READ_WRITE, 0, (long) SHM_SLOTS * MIB) : null;
            ByteBuffer credit = ByteBuffer.allocateDirect(1);
            long shmSeq = 0;
            FileInputStream in = new FileInputStream(new RandomAccessFile(dataPath, "rw").getFD());
            ByteBuffer header = ByteBuffer.allocateDirect(4);
            ByteBuffer direct = ByteBuffer.allocateDirect(MIB);
            ByteBuffer ahead = ByteBuffer.allocateDirect(64 * KIB);
            ahead.flip();
            byte[] hb = new byte[4];
            for (int r = 0; r < rounds; r++) {
                long count = 0;
                long bytes = 0;
                while (true) {
                    int len;
                    byte[] payload;
                    switch (mode) {
                        case "stream" -> {
                            readFully(in, hb, 0, 4);
                            len = ByteBuffer.wrap(hb).getInt();
                            payload = new byte[len];
                            readFully(in, payload, 0, len);
                        }
                        case "channel_direct" -> {
                            header.clear();
                            readFully(data, header);
                            len = header.getInt(0);
                            payload = new byte[len];
                            direct.clear().limit(len);
                            readFully(data, direct);
                            direct.flip();
                            direct.get(payload);
                        }
                        case "channel_heap" -> {
                            readFully(data, ByteBuffer.wrap(hb));
                            len = ByteBuffer.wrap(hb).getInt();
                            payload = new byte[len];
                            readFully(data, ByteBuffer.wrap(payload));
                        }
                        case "readahead" -> {
                            fill(data, ahead, 4);
                            len = ahead.getInt();
                            payload = new byte[len];
                            int done = 0;
                            while (done < len) {
                                if (!ahead.hasRemaining()) {
                                    fill(data, ahead, 1);
                                }
                                int n = Math.min(len - done, ahead.remaining());
                                ahead.get(payload, done, n);
                                done += n;
                            }
                        }
                        case "channel_nocopy" -> {
                            header.clear();
                            readFully(data, header);
                            len = header.getInt(0);
                            direct.clear().limit(len);
                            readFully(data, direct);
                            payload = null;
                        }
                        case "shm" -> {
                            header.clear();
                            readFully(data, header);
                            len = header.getInt(0);
                            if (len > 0) {
                                payload = new byte[len];
                                shm.get((int) (shmSeq++ % SHM_SLOTS) * MIB, payload);
                                credit.clear();
                                while (credit.hasRemaining()) {
                                    creditCh.write(credit);
                                }
                            } else {
                                payload = new byte[0];
                            }
                        }
                        default -> throw new IllegalArgumentException(mode);
                    }
                    if (payload == null) { // channel_nocopy: only the length matters
                        if (len == 0) {
                            break;
                        }
                        count++;
                        bytes += len;
                        continue;
                    }
                    if (payload.length == 0) {
                        break;
                    }
                    count++;
                    bytes += payload.length;
                }
                ByteBuffer reply = ByteBuffer.allocate(16).putLong(count).putLong(bytes).flip();
                while (reply.hasRemaining()) {
                    ack.write(reply);
                }
            }
        }
    }

    /** Makes sure {@code need} bytes are readable in {@code buf} (read mode), reading more if needed. */
    static void fill(FileChannel ch, ByteBuffer buf, int need) throws IOException {
        if (buf.remaining() >= need) {
            return;
        }
        buf.compact();
        while (buf.position() < need) {
            if (ch.read(buf) < 0) {
                throw new IOException("EOF");
            }
        }
        buf.flip();
    }

    static void readFully(FileInputStream in, byte[] b, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(b, off + done, len - done);
            if (n < 0) {
                throw new IOException("EOF");
            }
            done += n;
        }
    }

    static void readFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new IOException("EOF");
            }
        }
    }

    /* ---------------------------------------------------------------- senders (this JVM) */

    interface Sender {
        void send(byte[] payload) throws IOException;
    }

    static Sender sender(String mode, FileChannel data, FileOutputStream out, FileChannel creditCh,
                         java.nio.MappedByteBuffer shm, long[] inflight) {
        ByteBuffer header = ByteBuffer.allocateDirect(4);
        ByteBuffer direct = ByteBuffer.allocateDirect(MIB);
        byte[] hb = new byte[4];
        if (mode.equals("channel_nocopy")) {
            direct.put(new byte[MIB]);
            return p -> {
                header.clear();
                header.putInt(0, p.length);
                direct.clear().limit(p.length);
                ByteBuffer[] bufs = {header, direct};
                while (header.hasRemaining() || direct.hasRemaining()) {
                    data.write(bufs);
                }
            };
        }
        if (mode.equals("shm")) {
            ByteBuffer credits = ByteBuffer.allocateDirect(SHM_SLOTS);
            long[] seq = {0};
            return p -> {
                if (p.length > 0) {
                    if (inflight[0] == SHM_SLOTS) { // wait for at least one free slot
                        credits.clear();
                        int n = creditCh.read(credits);
                        if (n <= 0) {
                            throw new IOException("credit channel closed");
                        }
                        inflight[0] -= n;
                    }
                    shm.put((int) (seq[0]++ % SHM_SLOTS) * MIB, p);
                    inflight[0]++;
                }
                header.clear();
                header.putInt(0, p.length);
                while (header.hasRemaining()) {
                    data.write(header);
                }
            };
        }
        if (mode.equals("stream")) {
            return p -> { // what wire.Frames does
                if (p.length <= 8192) {
                    byte[] frame = new byte[4 + p.length];
                    ByteBuffer.wrap(frame).putInt(p.length);
                    System.arraycopy(p, 0, frame, 4, p.length);
                    out.write(frame);
                } else {
                    ByteBuffer.wrap(hb).putInt(p.length);
                    out.write(hb);
                    out.write(p);
                }
            };
        }
        if (mode.equals("channel_heap")) {
            return p -> {
                ByteBuffer[] bufs = {ByteBuffer.wrap(new byte[4]).putInt(0, p.length), ByteBuffer.wrap(p)};
                while (bufs[0].hasRemaining() || bufs[1].hasRemaining()) {
                    data.write(bufs);
                }
            };
        }
        return p -> { // channel_direct (and readahead's sender)
            header.clear();
            header.putInt(0, p.length);
            direct.clear();
            direct.put(p).flip();
            ByteBuffer[] bufs = {header, direct};
            while (header.hasRemaining() || direct.hasRemaining()) {
                data.write(bufs);
            }
        };
    }

    static void run(Path dir, String mode, boolean large) throws Exception {
        String dataPath = dir.resolve("data-" + mode + (large ? "-1m" : "-1k")).toString();
        String ackPath = dir.resolve("ack-" + mode + (large ? "-1m" : "-1k")).toString();
        mkfifo(dataPath, ackPath, ackPath + ".credit");
        Path shmPath = Path.of(ackPath + ".shm");
        try (FileChannel f = FileChannel.open(shmPath, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            f.truncate(0);
            if (mode.equals("shm")) {
                f.write(ByteBuffer.allocate(1), (long) SHM_SLOTS * MIB - 1);
            }
        }
        int rounds = RUNS + 1;
        Process child = new Process(() -> sink(dataPath, ackPath, mode, rounds));
        child.setDaemon(true);
        child.start();
        List<Double> samples = new ArrayList<>();
        try (FileChannel data = FileChannel.open(Path.of(dataPath), StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel ack = FileChannel.open(Path.of(ackPath), StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel creditCh = FileChannel.open(Path.of(ackPath + ".credit"), StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel shmCh = FileChannel.open(shmPath, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileOutputStream out = new FileOutputStream(new RandomAccessFile(dataPath, "rw").getFD());
            long[] inflight = {0};
            java.nio.MappedByteBuffer shm = mode.equals("shm")
                    ? shmCh.map(FileChannel.MapMode.READ_WRITE, 0, (long) SHM_SLOTS * MIB) : null;
            Sender s = sender(mode, data, out, creditCh, shm, inflight);
            byte[] payload = new byte[large ? MIB : KIB];
            Arrays.fill(payload, (byte) 'x');
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                long sent = 0;
                if (large) {
                    for (int i = 0; i < 512; i++) {
                        s.send(payload);
                    }
                    sent = 512;
                } else {
                    long deadline = t0 + (r == 0 ? 200_000_000L : 1_000_000_000L);
                    for (int it = 0; it < 20_000; it++) {
                        for (int k = 0; k < 256; k++) {
                            s.send(payload);
                        }
                        sent += 256;
                        if (System.nanoTime() >= deadline) {
                            break;
                        }
                    }
                }
                s.send(new byte[0]);
                ByteBuffer reply = ByteBuffer.allocate(16);
                readFully(ack, reply);
                double dt = (System.nanoTime() - t0) / 1e9;
                ByteBuffer drain = ByteBuffer.allocate(SHM_SLOTS);
                while (inflight[0] > 0) { // every slot has been consumed: collect its credit
                    drain.clear().limit((int) inflight[0]);
                    inflight[0] -= creditCh.read(drain);
                }
                if (reply.getLong(0) != sent) {
                    throw new IllegalStateException(mode + ": sent " + sent + " got " + reply.getLong(0));
                }
                if (r > 0) {
                    samples.add(large ? sent * (double) MIB / dt / 1e6 : sent / dt);
                }
            }
        }
        child.join(Duration.ofSeconds(30));
        Emit.emitAs("java-raw", large ? "probe_1m" : "probe_1k", large ? "MB/s" : "msgs/s", samples,
                "variant", mode, "msg_bytes", large ? MIB : KIB);
    }

    static void mkfifo(String... paths) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("mkfifo", "-m", "600"));
        cmd.addAll(Arrays.asList(paths));
        java.lang.Process mk = new ProcessBuilder(cmd).inheritIO().start();
        if (!mk.waitFor(10, TimeUnit.SECONDS) || mk.exitValue() != 0) {
            mk.destroyForcibly();
            throw new IOException("mkfifo failed");
        }
    }

    public static void main(String[] args) throws Exception {
        Path shmDir = Path.of("/dev/shm");
        Path dir = Files.isDirectory(shmDir) ? Files.createTempDirectory(shmDir, "mp4j-probe-")
                : Files.createTempDirectory("mp4j-probe-");
        try {
            for (String mode : new String[] {"stream", "channel_direct", "channel_heap", "channel_nocopy", "shm"}) {
                run(dir, mode, true);
            }
            for (String mode : new String[] {"stream", "channel_direct", "channel_heap", "readahead"}) {
                run(dir, mode, false);
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
        System.exit(0);
    }
}
