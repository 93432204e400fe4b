package io.github.mp4j.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
}
