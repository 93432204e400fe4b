package io.github.mp4j.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.mp4j.Eventually;
import io.github.mp4j.SeparateJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The children's archive as an installed mp4j uses it: programs run from a jar (the JVM archives
 * classes from jars only), on the JDK running this test, so on Java 25 the AOT cache and on 17 the
 * AppCDS archive. Whether a child runs from the archive is read from its {@code /proc/self/maps},
 * where the JVM maps the archive's file.
 */
class ClassDataReuseTest {

    private static final Duration BOUND = Duration.ofSeconds(120);

    /**
     * Starts a child, waits for the archive's training, starts a second child; each child prints
     * whether it maps an archive of the cache folder.
     */
    public static final class TwoChildren {
        public static void main(String[] args) throws Exception {
            for (int i = 1; i <= 2; i++) {
                io.github.mp4j.Process child = new io.github.mp4j.Process(TwoChildren::report);
                child.start();
                child.join(Duration.ofSeconds(60));
                System.out.println("child " + i + " exit " + child.exitCode());
                ClassDataArchive.awaitTraining(Duration.ofSeconds(100));
            }
        }

        static void report() {
            try {
                boolean mapped = Files.readString(Path.of("/proc/self/maps")).contains("/cds/children-");
                System.out.println("maps the archive: " + mapped);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static String jarOfClassesAndProgram(Path dir) throws Exception {
        Path jar = dir.resolve("app.jar");
        Path classes = Path.of(ChildMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path tests = Path.of(ClassDataReuseTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String program = ClassDataReuseTest.class.getName().replace('.', '/');
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            add(out, classes, p -> true);
            add(out, tests, p -> p.startsWith(program));
        }
        return jar.toString();
    }

    private static void add(JarOutputStream out, Path root, java.util.function.Predicate<String> keep) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path file : files) {
            String name = root.relativize(file).toString().replace('\\', '/');
            if (keep.test(name)) {
                out.putNextEntry(new JarEntry(name));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    private static List<Path> archives(Path cache) throws IOException {
        Path dir = cache.resolve("cds");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("children-")).sorted().toList();
        }
    }

    private static SeparateJvm.Ended runTwoChildren(String jar, Path cache) throws Exception {
        return SeparateJvm.run(List.of(SeparateJvm.java(), "-Dmp4j.cacheDir=" + cache, "-cp", jar,
                TwoChildren.class.getName()), BOUND);
    }

    @Test
    void theArchiveIsBuiltOnceAndLaterChildrenRunFromIt(@TempDir Path dir) throws Exception {
        String jar = jarOfClassesAndProgram(dir);
        Path cache = dir.resolve("cache");

        SeparateJvm.Ended first = runTwoChildren(jar, cache);
        assertEquals(0, first.exitStatus(), first.toString());
        assertEquals(List.of("maps the archive: false", "child 1 exit 0", "maps the archive: true", "child 2 exit 0"),
                first.output().lines().toList(), "the first child starts without it, the second from it");
        List<Path> built = archives(cache);
        assertEquals(1, built.size(), "one archive, no training files: " + built);
        String expected = Runtime.version().feature() >= ArchiveFormat.AOT_RELEASE ? ".aot" : ".jsa";
        assertTrue(built.get(0).toString().endsWith(expected), built.toString());

        SeparateJvm.Ended second = runTwoChildren(jar, cache);
        assertEquals(0, second.exitStatus(), second.toString());
        assertEquals(List.of("maps the archive: true", "child 1 exit 0", "maps the archive: true", "child 2 exit 0"),
                second.output().lines().toList(), "another program of the same class path reuses it");
        assertEquals(built, archives(cache), "and builds no other");
    }

    /**
     * An archive overwritten with other bytes is neither used nor reported in the program's output:
     * the first child starts without it, a new one is trained, and the next child runs from that.
     */
    @Test
    void aCorruptArchiveIsIgnoredSilentlyAndReplaced(@TempDir Path dir) throws Exception {
        String jar = jarOfClassesAndProgram(dir);
        Path cache = dir.resolve("cache");
        assertEquals(0, runTwoChildren(jar, cache).exitStatus());
        Path archive = archives(cache).get(0);
        byte[] garbage = new byte[(int) Files.size(archive)];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(archive, garbage);

        SeparateJvm.Ended run = runTwoChildren(jar, cache);
        assertEquals(0, run.exitStatus(), run.toString());
        assertEquals(List.of("maps the archive: false", "child 1 exit 0", "maps the archive: true", "child 2 exit 0"),
                run.output().lines().toList(), "no word of the bad archive, and a good one replaced it");
        List<Path> now = archives(cache);
        assertEquals(1, now.size(), now.toString());
        assertFalse(java.util.Arrays.equals(garbage, Files.readAllBytes(now.get(0))), "the garbage is gone");
    }

    /** Starts a training whose stand-in JVM sleeps, says so, and waits to be killed. */
    public static final class TrainThenWait {
        public static void main(String[] args) throws Exception {
            ClassDataArchive.options(List.of("sh", "-c", "exec sleep 60"), args[0], false);
            System.out.println("training");
            Thread.sleep(60_000);
        }
    }

    /**
     * A JVM killed with SIGKILL runs no shutdown hook, so its training JVM is ended by the
     * parent-death signal it was started with (setpriv).
     */
    @Test
    void noTrainingJvmOutlivesAParentKilledWithSigkill(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) gives the parent-death signal");
        String jar = jarOfClassesAndProgram(dir);
        java.lang.Process parent = new ProcessBuilder(SeparateJvm.java(), "-Dmp4j.cacheDir=" + dir.resolve("cache"),
                "-cp", jar, TrainThenWait.class.getName(), jar).redirectErrorStream(true).start();
        try {
            parent.getOutputStream().close();
            var lines = new java.io.BufferedReader(new java.io.InputStreamReader(parent.getInputStream()));
            java.util.concurrent.CompletableFuture<String> said = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return lines.readLine();
                } catch (IOException e) {
                    return e.toString();
                }
            });
            assertEquals("training", said.get(60, TimeUnit.SECONDS));
            ProcessHandle trainer = Eventually.valueOf(Duration.ofSeconds(10), () -> parent.descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("sleep 60")).findFirst().orElse(null));
            assertTrue(trainer != null, "the stand-in training JVM runs");
            parent.destroyForcibly();
            assertTrue(parent.waitFor(10, TimeUnit.SECONDS));
            assertTrue(trainer.onExit().toCompletableFuture().completeOnTimeout(null, 10, TimeUnit.SECONDS).get() != null,
                    "the training JVM ended with its parent");
        } finally {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
        }
    }
}
