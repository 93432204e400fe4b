package io.github.mp4j.handles;

import io.github.mp4j.platform.LinuxPaths;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether one process has ended, cheaply enough to ask on every call of a fast path (a seek and
 * a read of a few dozen bytes). {@link ProcessToken#isDead} opens, reads and parses
 * {@code /proc/<pid>/stat} each time; a watch opens it once and rereads the open file. (A
 * {@code RandomAccessFile}, not a {@code FileChannel}: an interrupt during a channel's read would
 * close it for good.)
 *
 * <pre>{@code
 * try (ProcessWatch server = ProcessWatch.open(serverToken)) {
 *     if (server.isDead()) throw new IOException("the server has died");
 * }
 * }</pre>
 *
 * <p>An open {@code /proc/<pid>/stat} stays bound to the process it was opened for: while that
 * process is a zombie its state reads {@code Z}, and once it has been reaped every read fails with
 * ESRCH, even if Linux has given its pid to a new process. So only the first look needs the start
 * time in the token; later ones read the state alone. One watch per token and process, shared by
 * whoever opens it: its descriptor is closed when it sees the process dead, or when the last of
 * its holders closes it. A watch asked after that reads {@code /proc} afresh each time, as
 * {@link ProcessToken#isDead} does, so a holder that keeps asking still gets the right answer.
 *
 * <p>In portable mode (see {@link io.github.mp4j.platform.Transport}) a watch keeps the process's
 * {@link ProcessHandle} instead, checked against the token's start time once; its
 * {@link ProcessHandle#isAlive()} compares the start time again on every call (so a reused pid reads
 * dead) and costs a system call or two.
 */
public final class ProcessWatch implements AutoCloseable {

    /** The watches of this JVM that some holder has open, by token; guarded by itself. */
    private static final Map<Long, ProcessWatch> WATCHES = new HashMap<>();
    /** The pid, the command in parentheses (at most 15 bytes of it) and the state fit in this. */
    private static final int HEAD = 64;
    /** The whole line, with its 52 numeric fields, fits in this. */
    private static final int STAT_MAX = 1024;

    private final long token;
    /** Null when the process was dead at the first look, or is this one, or in portable mode. */
    private final RandomAccessFile stat;
    /** The process, in portable mode while it was alive at the first look; else null. */
    private final ProcessHandle process;
    private volatile boolean dead;
    /** Opens not yet matched by a close; guarded by {@link #WATCHES}. */
    private int holders;
    /** Whether the last holder has closed the watch, and {@link #stat} with it; guarded by this. */
    private boolean closed;

    private ProcessWatch(long token, RandomAccessFile stat, boolean dead) {
        this(token, stat, null, dead);
    }

    private ProcessWatch(long token, RandomAccessFile stat, ProcessHandle process, boolean dead) {
        this.token = token;
        this.stat = stat;
        this.process = process;
        this.dead = dead;
    }

    /**
     * The watch of the process that {@code token} names, counted as one more holder of it: close it
     * once, when done with it.
     */
    public static ProcessWatch open(long token) {
        synchronized (WATCHES) {
            ProcessWatch watch = WATCHES.computeIfAbsent(token, ProcessWatch::create);
            watch.holders++;
            return watch;
        }
    }

    private static ProcessWatch create(long token) {
        if (token == ProcessToken.SELF) {
            return new ProcessWatch(token, null, false);
        }
        if (!LinuxPaths.available()) {
            // looked up first, checked after: if the token names the process then, the handle stays its
            ProcessHandle process = ProcessHandle.of(ProcessToken.pid(token)).orElse(null);
            boolean dead = process == null || ProcessToken.isDead(token);
            return new ProcessWatch(token, null, dead ? null : process, dead);
        }
        RandomAccessFile stat;
        try {
            stat = new RandomAccessFile(LinuxPaths.proc(ProcessToken.pid(token) + "/stat").toFile(), "r");
        } catch (IOException e) {
            return new ProcessWatch(token, null, true); // no such pid
        }
        // opened first, checked through the open file: if it shows the token's process, it stays its
        boolean dead;
        try {
            byte[] whole = new byte[STAT_MAX];
            int n = stat.read(whole);
            dead = n <= 0 || ProcessToken.isDead(token, new String(whole, 0, n, StandardCharsets.US_ASCII));
        } catch (IOException reaped) {
            dead = true;
        }
        if (dead) {
            closeQuietly(stat);
        }
        return new ProcessWatch(token, dead ? null : stat, dead);
    }

    /** The token of the process this watch watches. */
    public long token() {
        return token;
    }

    /** Whether the process has ended (a zombie counts as ended). Once true, always true. */
    public boolean isDead() {
        if (process != null) {
            return dead || !process.isAlive() && markDead();
        }
        if (dead || stat == null) {
            return dead;
        }
        byte[] bytes = new byte[HEAD];
        int n;
        synchronized (this) {
            if (closed) {
                return ProcessToken.isDead(token) && markDead();
            }
            try {
                stat.seek(0);
                n = stat.read(bytes);
            } catch (IOException reaped) {
                return markDead();
            }
        }
        for (int i = n - 1; i > 0; i--) {
            if (bytes[i] == ')') {
                byte state = i + 2 < n ? bytes[i + 2] : (byte) '?';
                return state == 'Z' || state == 'X' ? markDead() : false;
            }
        }
        return false; // unreadable but present: assume alive, as ProcessToken.isDead does
    }

    /**
     * Counts one holder fewer; the last closes the descriptor and forgets the watch, so the next
     * {@link #open} starts afresh. Call once per {@link #open}.
     */
    @Override
    public void close() {
        synchronized (WATCHES) {
            if (--holders > 0) {
                return;
            }
            WATCHES.remove(token, this);
        }
        synchronized (this) {
            closed = true;
            if (stat != null) {
                closeQuietly(stat);
            }
        }
    }

    private boolean markDead() {
        dead = true;
        if (stat != null) {
            closeQuietly(stat); // a second close of a RandomAccessFile does nothing
        }
        return true;
    }

    private static void closeQuietly(RandomAccessFile file) {
        try {
            file.close();
        } catch (IOException ignored) {
            // a descriptor of /proc holds nothing to flush
        }
    }
}
