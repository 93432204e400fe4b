package io.github.mp4j.handles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A 64-bit name for a live process that stays unique even when Linux reuses its pid: the pid in the
 * high 32 bits, the low 32 bits of the process's start time (in clock ticks since boot) below. Lock
 * words store it so that a waiter can tell a holder that died from one that is merely slow.
 * Never zero, which lock words use for "free".
 */
public final class ProcessToken {

    /** This process's token. */
    public static final long SELF = of(ProcessHandle.current().pid(), startTime(ProcessHandle.current().pid()));

    /**
     * This boot of this host's kernel ({@code /proc/sys/kernel/random/boot_id}), or "" when unknown:
     * a token, a pid or a descriptor number another process sends means something here only if that
     * process saw the same boot id.
     */
    public static final String BOOT_ID = bootId();

    private ProcessToken() {}

    private static String bootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    static long of(long pid, long startTime) {
        return (pid << 32) | (startTime & 0xffff_ffffL);
    }

    /** The pid a token names. */
    public static long pid(long token) {
        return token >>> 32;
    }

    /**
     * Whether the process a token names has ended: no such pid, a zombie, or a pid now used by a
     * process that started at another time. Reads {@code /proc/<pid>/stat}, so call it while
     * waiting, not on a fast path.
     */
    public static boolean isDead(long token) {
        long pid = pid(token);
        if (token == SELF || pid == ProcessHandle.current().pid()) {
            return false;
        }
        String stat;
        try {
            stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            return false; // unreadable but present: assume alive rather than steal a live lock
        }
        return isDead(token, stat);
    }

    /** As {@link #isDead(long)}, given the contents of {@code /proc/<pid>/stat} for the token's pid. */
    static boolean isDead(long token, String stat) {
        String[] fields = afterCommand(stat);
        if (fields == null) {
            return false;
        }
        // fields[0] is field 3 of proc(5) (state), fields[19] is field 22 (starttime)
        char state = fields[0].isEmpty() ? '?' : fields[0].charAt(0);
        if (state == 'Z' || state == 'X') {
            return true;
        }
        return of(pid(token), Long.parseLong(fields[19])) != token;
    }

    private static long startTime(long pid) {
        try {
            String[] fields = afterCommand(Files.readString(Path.of("/proc/" + pid + "/stat")));
            return fields == null ? 0 : Long.parseLong(fields[19]);
        } catch (IOException | RuntimeException e) {
            return 0; // without /proc there is no recovery either; the pid alone still names the owner
        }
    }

    /** The stat fields after the command name, which is in parentheses and may contain spaces. */
    private static String[] afterCommand(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return null;
        }
        String[] fields = stat.substring(close + 1).trim().split(" ");
        return fields.length > 19 ? fields : null;
    }
}
