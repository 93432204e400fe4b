package io.github.mp4j.handles;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether one process has ended, cheaply enough to ask on every call of a fast path (a seek and
 * a read of a few dozen bytes). {@link ProcessToken#isDead} opens, reads and parses
 * {@code /proc/<pid>/stat} each time; a watch opens it once and rereads the open file. (A
 * {@code RandomAccessFile}, not a {@code FileChannel}: an interrupt during a channel's read would
 * close it for good.)
 *
 * <pre>{@code
 * ProcessWatch server = ProcessWatch.of(serverToken);
 * if (server.isDead()) throw new IOException("the server has died");
 * }</pre>
 *
 * <p>An open {@code /proc/<pid>/stat} stays bound to the process it was opened for: while that
 * process is a zombie its state reads {@code Z}, and once it has been reaped every read fails with
 * ESRCH, even if Linux has given its pid to a new process. So only the first look needs the start
 * time in the token; later ones read the state alone. One watch per token and process, kept open
 * until it sees the process dead.
 */
public final class ProcessWatch {

    private static final ConcurrentHashMap<Long, ProcessWatch> WATCHES = new ConcurrentHashMap<>();
    /** The pid, the command in parentheses (at most 15 bytes of it) and the state fit in this. */
    private static final int HEAD = 64;
    /** The whole line, with its 52 numeric fields, fits in this. */
    private static final int STAT_MAX = 1024;

    private final RandomAccessFile stat;
    private volatile boolean dead;

    private ProcessWatch(RandomAccessFile stat, boolean dead) {
        this.stat = stat;
        this.dead = dead;
    }

    /** The watch of the process that {@code token} names. */
    public static ProcessWatch of(long token) {
        return WATCHES.computeIfAbsent(token, ProcessWatch::open);
    }

    private static ProcessWatch open(long token) {
        if (token == ProcessToken.SELF) {
            return new ProcessWatch(null, false);
        }
        RandomAccessFile stat;
        try {
            stat = new RandomAccessFile("/proc/" + ProcessToken.pid(token) + "/stat", "r");
        } catch (IOException e) {
            return new ProcessWatch(null, true); // no such pid
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
        return new ProcessWatch(dead ? null : stat, dead);
    }

    /** Whether the process has ended (a zombie counts as ended). Once true, always true. */
    public boolean isDead() {
        if (dead || stat == null) {
            return dead;
        }
        byte[] bytes = new byte[HEAD];
        int n;
        synchronized (this) {
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

    private boolean markDead() {
        dead = true;
        closeQuietly(stat);
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
