package io.github.mp4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mp4j's library jar, as {@code mvn package} builds it, is all a program needs (issue 18): a JVM whose
 * class path is that jar and the program's own classes runs Process, Pipe, Lock, Queue, Pool and
 * Manager, and its children get the same class path. An IT because the jar exists only after
 * {@code package}; a jar assembled from target/classes would not test the manifest Maven writes.
 */
@Timeout(240)
class LibraryJarIT {

    private static final Path JAR = Path.of(System.getProperty("mp4j.libraryJar", "target/mp4j.jar"));

    @Test
    void aProgramWithOnlyMp4jsJarRunsTheCoreApi(@TempDir Path program) throws Exception {
        assertTrue(Files.isRegularFile(JAR), "no library jar at " + JAR + " (mvn package)");
        copyProgramClasses(program);
        String classPath = JAR.toAbsolutePath() + File.pathSeparator + program;
        SeparateJvm.Ended run = SeparateJvm.run(List.of(SeparateJvm.java(), "-cp", classPath,
                LibraryProgram.class.getName()), Duration.ofSeconds(180));
        assertEquals(0, run.exitStatus(), run.toString());
        List<String> lines = run.output().lines().toList();
        assertTrue(lines.contains("program class path " + classPath), run.toString());
        assertTrue(lines.contains("process class path " + classPath), "a child's class path is the program's: " + run);
        assertTrue(lines.contains("queue 42"), run.toString());
        assertTrue(lines.contains("process exit code 0"), run.toString());
        assertTrue(lines.contains("pool [1, 4, 9]"), run.toString());
        assertTrue(lines.contains("worker class path " + classPath), "a worker's class path is the program's: " + run);
        assertTrue(lines.contains("manager {n=2}"), run.toString());
        assertTrue(lines.contains("comparison html true"), run.toString());
        assertTrue(lines.contains("comparison json: Comparison's JSON needs Jackson on the class path:"
                + " com.fasterxml.jackson.core:jackson-databind (mp4j's kernel jar includes it)"), run.toString());
    }

    @Test
    void theJarNamesItsModuleAndHasSourcesAndJavadocBesideIt() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertEquals("io.github.mp4j", jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
        }
        String base = JAR.getFileName().toString().replaceFirst("\\.jar$", "");
        try (JarFile sources = new JarFile(JAR.resolveSibling(base + "-sources.jar").toFile());
             JarFile javadoc = new JarFile(JAR.resolveSibling(base + "-javadoc.jar").toFile())) {
            assertTrue(sources.getEntry("io/github/mp4j/Pool.java") != null, "Pool.java in " + sources.getName());
            assertTrue(javadoc.getEntry("io/github/mp4j/Pool.html") != null, "Pool.html in " + javadoc.getName());
        }
    }

    /** LibraryProgram's class files (its lambdas are inside them), as the program's own directory. */
    private static void copyProgramClasses(Path program) throws Exception {
        Path compiled = Path.of(LibraryProgram.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = compiled.resolve("io/github/mp4j");
        Path target = Files.createDirectories(program.resolve("io/github/mp4j"));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("LibraryProgram")).toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
    }
}
