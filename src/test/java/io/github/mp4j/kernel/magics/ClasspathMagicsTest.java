package io.github.mp4j.kernel.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathMagicsTest {

    @Test
    void expandsFolderStarToItsJarsAndRejectsMissingPaths(@TempDir Path dir) throws Exception {
        Path a = Files.createFile(dir.resolve("a.jar"));
        Path b = Files.createFile(dir.resolve("b.jar"));
        Files.createFile(dir.resolve("notes.txt"));
        List<String> entries = ClasspathMagics.expand(dir + "/*");
        assertEquals(List.of(a.toString(), b.toString()), entries.stream().sorted().toList());
        assertEquals(List.of(a.toString(), b.toString()), ClasspathMagics.expand(a + " " + b));
        assertThrows(IllegalArgumentException.class, () -> ClasspathMagics.expand(dir.resolve("missing.jar").toString()));
        assertThrows(IllegalArgumentException.class, () -> ClasspathMagics.expand("  "));
    }
}
