package io.github.mp4j.platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place where mp4j names {@code /proc}, {@code /dev/shm} and {@code mkfifo}: every use of them
 * asks here first, and in portable mode (see {@link Transport}) each refuses with a
 * {@link LinuxOnlyPathError}. A test checks that no other source file names them.
 *
 * <pre>{@code
 * Path stat = LinuxPaths.proc(pid + "/stat");      // /proc/<pid>/stat, or the error in portable mode
 * }</pre>
 */
public final class LinuxPaths {

    private LinuxPaths() {}

    /**
     * {@code /proc/<relative>}.
     *
     * @throws LinuxOnlyPathError in portable mode
     */
    public static Path proc(String relative) {
        refuseUnlessLinux("/proc/" + relative);
        return Path.of("/proc", relative);
    }

    /**
     * {@code /dev/shm}, the folder of POSIX shared memory.
     *
     * @throws LinuxOnlyPathError in portable mode
     */
    public static Path devShm() {
        refuseUnlessLinux("/dev/shm");
        return Path.of("/dev/shm");
    }

    /**
     * The command that makes FIFOs at {@code paths}, readable and writable by this user only.
     *
     * @throws LinuxOnlyPathError in portable mode
     */
    public static List<String> mkfifo(List<String> paths) {
        refuseUnlessLinux("mkfifo");
        List<String> command = new ArrayList<>(List.of("mkfifo", "-m", "600"));
        command.addAll(paths);
        return command;
    }

    /** Whether the Linux-only paths may be used: false in portable mode. */
    public static boolean available() {
        return Transport.current() == Transport.LINUX;
    }

    private static void refuseUnlessLinux(String what) {
        if (!available()) {
            throw new LinuxOnlyPathError(what);
        }
    }
}
