package io.github.mp4j.handles;

import io.github.mp4j.platform.LinuxPaths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Optional;

/**
 * A 64-bit name for a live process that stays unique even when the system reuses its pid: the pid in
 * the high 32 bits, the low 32 bits of the process's start time below. Lock words store it so that a
 * waiter can tell a holder that died from one that is merely slow. Never zero, which lock words use
 * for "free".
 *
 * <p>The start time depends on the transport (see {@link io.github.mp4j.platform.Transport}), and
 * every process of one program uses the same: Linux's is the clock ticks since boot from
 * {@code /proc/<pid>/stat}; the portable one is the milliseconds of {@link ProcessHandle.Info#startInstant()},
 * which the JDK reads from the system on Linux, macOS and Windows alike. A difference: in portable
 * mode a zombie (a process that has exited but whose parent has not reaped it yet) still counts as
 * alive, since {@link ProcessHandle#isAlive()} cannot tell; the JDK reaps its own children at once,
 * so a JVM's dead child is a zombie only for a moment.
 */
public final class ProcessToken {

    /** This process's token. */
    public static final long SELF = ofLive(ProcessHandle.current().pid());

    /**
     * This boot of this host's kernel ({@code /proc/sys/kernel/random/boot_id}), or "" when unknown
     * (always, in portable mode: no JDK API names a boot):
     * a token, a pid or a descriptor number another process sends means something here only if that
     * process saw the same boot id.
     */
    public static final String BOOT_ID = bootId();

    private ProcessToken() {}

    private static String bootId() {
        if (!LinuxPaths.available()) {
            return "";
        }
        try {
            return Files.readString(LinuxPaths.proc("sys/kernel/random/boot_id")).trim();
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
     * process that started at another time (in portable mode, a zombie counts as alive). Reads
     * {@code /proc/<pid>/stat} or asks the JDK, so call it while waiting, not on a fast path.
     */
    public static boolean isDead(long token) {
        long pid = pid(token);
        if (token == SELF || pid == ProcessHandle.current().pid()) {
            return false;
        }
        if (!LinuxPaths.available()) {
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            return process.isEmpty() || !process.get().isAlive()
                    || startTime(process.get()).map(start -> of(pid, start) != token).orElse(false);
        }
        String stat;
        try {
            stat = Files.readString(LinuxPaths.proc(pid + "/stat"));
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

    /** The token of the live process {@code pid} (a start time of 0 if it cannot be read). */
    static long ofLive(long pid) {
        return of(pid, startTime(pid));
    }

    /** The portable start time: milliseconds since the epoch, as the JDK reads them from the system. */
    static Optional<Long> startTime(ProcessHandle process) {
        return process.info().startInstant().map(java.time.Instant::toEpochMilli);
    }

    private static long startTime(long pid) {
        if (!LinuxPaths.available()) {
            return ProcessHandle.of(pid).flatMap(ProcessToken::startTime).orElse(0L);
        }
        try {
            String[] fields = afterCommand(Files.readString(LinuxPaths.proc(pid + "/stat")));
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
