package io.github.mp4j.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.Eventually;
import io.github.mp4j.TemporaryProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {

    private static void file(Path dir, String name, long ageMillis, long now) throws Exception {
        Path p = Files.writeString(dir.resolve(name), "x");
        Files.setLastModifiedTime(p, FileTime.fromMillis(now - ageMillis));
    }

    @Test
    void pruningKeepsTheMostRecentlyUsedArchivesAndFreshTrainingFiles(@TempDir Path dir) throws Exception {
        long now = System.currentTimeMillis();
        int extra = 4;
        for (int i = 0; i < ClassDataArchive.KEEP + extra; i++) {
            file(dir, "children-" + i + ".jsa", TimeUnit.MINUTES.toMillis(i), now);
        }
        file(dir, "children-stale.jsa", TimeUnit.DAYS.toMillis(ClassDataArchive.STALE_DAYS + 1), now);
        file(dir, "training-left.jsa", TimeUnit.MINUTES.toMillis(ClassDataArchive.STALE_TRAINING_MINUTES + 1), now);
        file(dir, "training-running.jsa", TimeUnit.MINUTES.toMillis(1), now);
        file(dir, "notes.txt", TimeUnit.DAYS.toMillis(100), now);

        ClassDataArchive.prune(dir, now);

        Set<String> expected = new TreeSet<>(Set.of("training-running.jsa", "notes.txt"));
        for (int i = 0; i < ClassDataArchive.KEEP; i++) {
            expected.add("children-" + i + ".jsa");
        }
        Set<String> left = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(p -> left.add(p.getFileName().toString()));
        }
        assertEquals(expected, left);
    }

    /** Writes a file that passes for an archive of {@code format}: its magic number, then padding. */
    static Path archiveLike(Path stem, ArchiveFormat format, int magic) throws Exception {
        Files.createDirectories(stem.getParent());
        byte[] bytes = java.nio.ByteBuffer.allocate(4096).order(java.nio.ByteOrder.nativeOrder()).putInt(magic).array();
        return Files.write(stem.resolveSibling(stem.getFileName() + "-" + bytes.length + "." + format.extension()), bytes);
    }

    /** A child alone maps the archive in place; one that boots among others relocates it. */
    @Test
    void theArchiveIsRelocatedOnlyByAChildThatBootsAmongOthers(@TempDir Path dir) throws Exception {
        try (TemporaryProperty cache = TemporaryProperty.set("mp4j.cacheDir", dir.toString())) {
            Path jar = Files.writeString(dir.resolve("app.jar"), "not read here");
            List<String> base = List.of("java", "-Xms32m");
            Path archive = archiveLike(ClassDataArchive.stem(base, jar.toString()), ArchiveFormat.APP_CDS, 0xf00baba8);
            List<String> alone = ClassDataArchive.options(base, jar.toString(), false);
            List<String> crowded = ClassDataArchive.options(base, jar.toString(), true);
            assertTrue(alone.contains("-XX:SharedArchiveFile=" + archive), alone.toString());
            assertTrue(alone.contains("-XX:ArchiveRelocationMode=0"), alone.toString());
            assertTrue(crowded.contains("-XX:ArchiveRelocationMode=1"), crowded.toString());
            assertTrue(alone.contains("-Xlog:cds=off"), "a child never reports an archive it cannot use: " + alone);
        }
    }

    /**
     * An archive that lost its magic number, or whose size is not the one its name records, is never
     * given to a child: it is deleted, so the training that starts builds it again. The stand-in
     * trainer is {@code true}, which builds nothing.
     */
    @Test
    void aCorruptOrTruncatedArchiveIsDeletedInsteadOfUsed(@TempDir Path dir) throws Exception {
        try (TemporaryProperty cache = TemporaryProperty.set("mp4j.cacheDir", dir.toString())) {
            Path jar = Files.writeString(dir.resolve("app.jar"), "not read here");
            List<String> base = List.of("true", "-Xms16m");
            Path stem = ClassDataArchive.stem(base, jar.toString());
            Path garbage = archiveLike(stem, ArchiveFormat.APP_CDS, 0x12345678);
            assertEquals(List.of(), ClassDataArchive.options(base, jar.toString(), false));
            assertFalse(Files.exists(garbage), "the archive without its magic number is deleted");

            Path truncated = archiveLike(stem, ArchiveFormat.APP_CDS, 0xf00baba8);
            Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(truncated), 100));
            ClassDataArchive.awaitTraining(java.time.Duration.ofSeconds(10));
            assertEquals(List.of(), ClassDataArchive.options(base, jar.toString(), false));
            assertFalse(Files.exists(truncated), "the archive shorter than its name says is deleted");
            ClassDataArchive.awaitTraining(java.time.Duration.ofSeconds(10));
        }
    }

    /**
     * The training JVM ends with this JVM's children. A stand-in trains here: the training command
     * is the base command plus options, which {@code sh -c 'exec sleep 30'} takes as its arguments.
     */
    @Test
    void theTrainingJvmEndsWithTheChildren(@TempDir Path dir) throws Exception {
        try (TemporaryProperty cache = TemporaryProperty.set("mp4j.cacheDir", dir.toString())) {
            Path jar = Files.writeString(dir.resolve("app.jar"), "not read here");
            assertEquals(List.of(), ClassDataArchive.options(List.of("sh", "-c", "exec sleep 30"), jar.toString(), false),
                    "no archive yet: none to use, and training starts");
            ProcessHandle trainer = Eventually.valueOf(java.time.Duration.ofSeconds(10), () -> ProcessHandle.current().children()
                    .filter(p -> p.info().commandLine().orElse("").contains("sleep 30"))
                    .findFirst().orElse(null));
            assertTrue(trainer != null, "the training process started");
            Children.endAll();
            assertTrue(trainer.onExit().toCompletableFuture().completeOnTimeout(null, 5, TimeUnit.SECONDS).get() != null,
                    "the training process ended with the children");
            ClassDataArchive.awaitTraining(java.time.Duration.ofSeconds(10));
        }
    }
}
