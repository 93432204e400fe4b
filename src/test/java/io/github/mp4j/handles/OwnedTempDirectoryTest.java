package io.github.mp4j.handles;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a JVM killed with SIGKILL leaves in the temporary folder is removed by the next one. */
class OwnedTempDirectoryTest {

    @Test
    void directoriesOfDeadJvmsAreSweptAndLiveOnesKept(@TempDir Path folder) throws Exception {
        java.lang.Process ended = new ProcessBuilder("true").start();
        assertTrue(ended.waitFor(30, TimeUnit.SECONDS));
        Path stale = Files.createDirectory(folder.resolve("mp4j-pipe-" + ended.pid() + "-123"));
        Files.createFile(stale.resolve("a"));
        Files.createFile(Files.createDirectories(stale.resolve("work/marshaller")).resolve("b")); // a node's work dir
        Path live = Files.createDirectory(folder.resolve("mp4j-pipe-" + ProcessHandle.current().pid() + "-456"));
        Path otherKind = Files.createDirectory(folder.resolve("mp4j-manager-" + ended.pid() + "-789"));
        Path notOurs = Files.createDirectory(folder.resolve("mp4j-pipe-unrelated"));

        OwnedTempDirectory.sweep(folder, "pipe");

        assertFalse(Files.exists(stale), "a dead JVM's directory is removed with its files");
        assertTrue(Files.exists(live), "a live JVM's directory stays");
        assertTrue(Files.exists(otherKind), "only the kind asked for is swept");
        assertTrue(Files.exists(notOurs), "names that are not ours stay");
    }

    @Test
    void createdDirectoriesNameTheirJvmAndArePrivate() throws Exception {
        Path dir = OwnedTempDirectory.create("test");
        try {
            assertTrue(dir.getFileName().toString().startsWith("mp4j-test-" + ProcessHandle.current().pid() + "-"));
            assertTrue(Files.getPosixFilePermissions(dir).equals(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        } finally {
            OwnedTempDirectory.deleteQuietly(dir);
        }
        assertFalse(Files.exists(dir));
    }
}
