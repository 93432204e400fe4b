package io.github.mp4j.spawn;

import io.github.mp4j.platform.LinuxPaths;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;

/**
 * One child JVM as {@link Children#statuses()} saw it: pid, the name of what runs in it, state
 * ({@code idle}, {@code running}, {@code exited}), exit code (null unless exited), launch time,
 * uptime (until now, or until it exited) and resident memory in bytes (null unless running).
 */
public record ChildStatus(long pid, String name, String state, Integer exitCode, Instant launchedAt,
                          Duration uptime, Long residentBytes) {

    /** The {@code VmRSS} of process {@code pid} from {@code /proc}, or null if it cannot be read. */
    static Long residentBytes(long pid) {
        if (!LinuxPaths.available()) {
            return null; // no portable source of a process's resident memory
        }
        try {
            for (String line : Files.readAllLines(LinuxPaths.proc(pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024; // the kernel reports kB
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone between the liveness check and the read, or no /proc: unknown
        }
        return null;
    }
}
