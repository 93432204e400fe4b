package io.github.mp4j.handles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Private temporary directories named after the JVM that made them: {@code mp4j-<kind>-<pid>-<random>}.
 * A JVM deletes its own, but one killed with SIGKILL cannot; so the first directory of a kind that a
 * JVM makes also removes every directory of that kind whose JVM is no longer alive. Nothing mp4j
 * makes in the temporary folder outlives the next mp4j program for long.
 */
public final class OwnedTempDirectory {

    private static final Set<String> SWEPT = ConcurrentHashMap.newKeySet();

    private OwnedTempDirectory() {}

    /** Creates {@code mp4j-<kind>-<this pid>-<random>} (mode rwx------) in the temporary folder. */
    public static Path create(String kind) throws IOException {
        return create(kind, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Creates {@code mp4j-<kind>-<this pid>-<random>} in {@code base}: mode rwx------ where the file
     * system has POSIX permissions; elsewhere (Windows) the folder inherits the access list of
     * {@code base}, which for the user's temporary folder admits the user alone.
     */
    static Path create(String kind, Path base) throws IOException {
        if (SWEPT.add(kind + " in " + base)) {
            sweep(base, kind);
        }
        String prefix = "mp4j-" + kind + "-" + ProcessHandle.current().pid() + "-";
        if (!base.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempDirectory(base, prefix);
        }
        return Files.createTempDirectory(base, prefix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /** Deletes the directories of {@code kind} in {@code folder} whose JVM has ended. */
    static void sweep(Path folder, String kind) {
        Pattern owned = Pattern.compile("mp4j-" + Pattern.quote(kind) + "-(\\d+)-\\d+");
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "mp4j-" + kind + "-*")) {
            for (Path dir : entries) {
                Matcher m = owned.matcher(dir.getFileName().toString());
                if (m.matches() && !alive(Long.parseLong(m.group(1)))) {
                    deleteQuietly(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            // only tidying: another user's folder, a race with another sweeper
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Deletes a directory and everything in it, ignoring what is already gone or not ours. */
    public static void deleteQuietly(Path dir) {
        try (Stream<Path> tree = Files.walk(dir)) {
            tree.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // not ours, or raced with another sweeper: left for the next sweep
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // gone already
        }
    }
}
