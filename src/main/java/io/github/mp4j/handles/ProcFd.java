package io.github.mp4j.handles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
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
        return Path.of("/proc/" + pid + "/fd/" + fd);
    }

    /** What a descriptor path points at, as {@code /proc/self/fd} shows it for every copy. */
    static String target(Path path) throws IOException {
        return path.startsWith("/proc/") ? Files.readSymbolicLink(path).toString()
                                        : path.toAbsolutePath().toString();
    }

    /** This process's descriptors that point at {@code target} and were opened with {@code mode}. */
    static Set<Integer> find(String target, int mode) throws IOException {
        Set<Integer> found = new HashSet<>();
        for (Path link : list()) {
            try {
                if (Files.readSymbolicLink(link).toString().equals(target)) {
                    int fd = Integer.parseInt(link.getFileName().toString());
                    if (accessMode(fd) == mode) {
                        found.add(fd);
                    }
                }
            } catch (IOException | NumberFormatException closedMeanwhile) {
                // a descriptor of another thread that vanished while we looked
            }
        }
        return found;
    }

    /** The one descriptor in {@code after} but not in {@code before}. */
    static int added(Set<Integer> before, Set<Integer> after, String what) throws IOException {
        Set<Integer> added = new HashSet<>(after);
        added.removeAll(before);
        if (added.size() != 1) {
            throw new IOException("cannot identify the descriptor of " + what + " in /proc/self/fd: " + added);
        }
        return added.iterator().next();
    }

    /** Plain java.io on purpose: a child runs this before anything else, and streams cost start-up time. */
    private static List<Path> list() throws IOException {
        String[] names = new java.io.File("/proc/self/fd").list();
        if (names == null) {
            throw new IOException("cannot list /proc/self/fd");
        }
        List<Path> links = new java.util.ArrayList<>(names.length);
        for (String name : names) {
            links.add(Path.of("/proc/self/fd", name));
        }
        return links;
    }

    private static int accessMode(int fd) throws IOException {
        String info;
        try (java.io.FileInputStream in = new java.io.FileInputStream("/proc/self/fdinfo/" + fd)) {
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
