package io.github.mp4j.handles;

import io.github.mp4j.platform.LinuxPaths;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reading Linux's {@code /proc/<pid>/fd} table, which is how a process finds the descriptor numbers
 * of the files it opened and how another process reopens them. Java exposes neither.
 */
final class ProcFd {

    static final int READ = 0;
    static final int WRITE = 1;
    static final int READ_WRITE = 2;

    private ProcFd() {}

    /** The path through which any process of the same user reopens descriptor {@code fd} of {@code pid}. */
    static Path path(long pid, int fd) {
        return LinuxPaths.proc(pid + "/fd/" + fd);
    }

    /** What a descriptor path points at, as {@code /proc/self/fd} shows it for every copy. */
    static String target(Path path) throws IOException {
        return path.startsWith(LinuxPaths.proc("")) ? Files.readSymbolicLink(path).toString()
                                        : path.toAbsolutePath().toString();
    }

    /** Opens a file; {@link #open} learns which descriptor the open made. */
    @FunctionalInterface
    interface Opener<T extends Closeable> {
        T open() throws IOException;
    }

    /** A file {@link #open} opened, and its descriptor's number. */
    record Opened<T extends Closeable>(T file, int fd) {}

    /** Opens that lost the race for their descriptor number to another thread, before we give up. */
    private static final int ATTEMPTS = 5;

    /**
     * Opens a file with {@code opener} and finds the number of the descriptor it got: the one
     * descriptor that was not there before, points at {@code target} and was opened with
     * {@code mode}.
     *
     * <p>Why not read every link before and after: a readlink of {@code /proc/self/fd/<n>} is a
     * system call each, and a JVM holding a few hundred descriptors took some 20 ms to open a pipe
     * that way. Listing the numbers is one directory read; only the new numbers are read. Another
     * thread may close a descriptor just before the open reuses its number, which then does not look
     * new: the file is closed and opened again. Closing is harmless for the files opened here (a
     * FIFO side while a guard holds the FIFO, a shared-memory file while its creator holds it). The
     * last attempt reads every link before the open too, so that a reused number is told apart
     * even in a JVM whose other threads open and close files without pause.
     *
     * @throws IOException if the open fails, or the descriptor cannot be told apart
     */
    static <T extends Closeable> Opened<T> open(String target, int mode, String what, Opener<T> opener)
            throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Set<String> before = attempt < ATTEMPTS - 1 ? Set.of(numbers()) : pointingAt(target, mode);
            T file;
            // The listing held a descriptor of its own, which the open would get again (the kernel
            // gives the lowest free number); a spacer takes that number while the file is opened.
            try (java.io.FileInputStream spacer = new java.io.FileInputStream("/dev/null")) {
                file = opener.open();
            }
            try {
                int found = -1;
                for (String name : numbers()) {
                    if (!before.contains(name) && pointsAt(name, target, mode)) {
                        if (found >= 0) {
                            throw new IOException("cannot identify the descriptor of " + what
                                    + " in /proc/self/fd: both " + found + " and " + name + " are new");
                        }
                        found = Integer.parseInt(name);
                    }
                }
                if (found >= 0) {
                    return new Opened<>(file, found);
                }
            } catch (IOException | RuntimeException e) {
                file.close();
                throw e;
            }
            file.close(); // its number was reused: try again
        }
        throw new IOException("cannot identify the descriptor of " + what + " in /proc/self/fd: no new descriptor"
                + " points at " + target + " with access mode " + mode + " (after " + ATTEMPTS + " opens)");
    }

    /** The descriptors that already point at {@code target} with {@code mode}. */
    private static Set<String> pointingAt(String target, int mode) throws IOException {
        Set<String> found = new java.util.HashSet<>();
        for (String name : numbers()) {
            if (pointsAt(name, target, mode)) {
                found.add(name);
            }
        }
        return found;
    }

    private static boolean pointsAt(String name, String target, int mode) {
        try {
            return Files.readSymbolicLink(LinuxPaths.proc("self/fd/" + name)).toString().equals(target)
                    && accessMode(Integer.parseInt(name)) == mode;
        } catch (IOException | NumberFormatException closedMeanwhile) {
            return false; // a descriptor of another thread that vanished while we looked
        }
    }

    /** Plain java.io on purpose: a child runs this before anything else, and streams cost start-up time. */
    private static String[] numbers() throws IOException {
        String[] names = LinuxPaths.proc("self/fd").toFile().list();
        if (names == null) {
            throw new IOException("cannot list /proc/self/fd");
        }
        return names;
    }

    private static int accessMode(int fd) throws IOException {
        String info;
        try (java.io.FileInputStream in = new java.io.FileInputStream(LinuxPaths.proc("self/fdinfo/" + fd).toFile())) {
            info = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }
        for (String line : info.split("\n")) {
            if (line.startsWith("flags:")) {
                return Integer.parseInt(line.substring("flags:".length()).trim(), 8) & 3;
            }
        }
        throw new IOException("no flags in /proc/self/fdinfo/" + fd);
    }
}
