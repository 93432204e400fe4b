package io.github.mp4j.kernel;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The third-party Java kernels mp4j loads into (JJava, IJava), as test fixtures: their sources in
 * {@value #VENDOR} (next to the project, read-only in CI) are copied to a temporary folder and built
 * there with the Maven that runs this build, and the result is installed as a kernelspec in a
 * {@link JupyterSandbox}; {@code src/test/python/test_kernel_third_party.py} then drives it with
 * {@code jupyter_client}.
 *
 * <p>The inner build uses the outer one's Maven ({@code mp4j.mavenHome}) and local repository
 * ({@code mp4j.mavenRepoLocal}), which failsafe passes, and writes nothing into the project tree. It
 * is not offline: a missing artifact comes from Maven Central (CI has it; here, anything already
 * in the local repository is used without asking Central).
 */
final class ThirdPartyKernels {

    /** Where the kernels' sources are, from the project folder (the tests' working directory). */
    static final String VENDOR = "../shared/vendor";
    /** The cell text's placeholder for the absolute path of mp4j's library jar. */
    static final String JAR_PLACEHOLDER = "{mp4j.jar}";
    private static final Path PYTHON_TESTS = Path.of("src", "test", "python").toAbsolutePath();
    private static final long BUILD_TIMEOUT_SECONDS = 300;
    static final long SUITE_TIMEOUT_SECONDS = 300;

    private ThirdPartyKernels() {}

    /**
     * Copies {@value #VENDOR}/{@code name} to {@code work/name}, copies {@code extraFiles} into the
     * copy's root and runs {@code mvn package} there without tests. Skips the test (assumption) when
     * the sources are missing.
     *
     * @return the built copy
     */
    static Path build(String name, Path work, List<Path> extraFiles) throws IOException, InterruptedException {
        Path source = Path.of(VENDOR, name);
        assumeTrue(Files.isDirectory(source), "the third-party kernels' sources are missing (" + source.toAbsolutePath()
                + "): the kernel ITs need ../shared/vendor next to the project, as CI has it");
        Path copy = work.resolve(name);
        copyTree(source, copy);
        for (Path f : extraFiles) {
            Files.copy(f, copy.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of(maven(), "-B", "-q", "-Dmaven.test.skip=true"));
        String repo = System.getProperty("mp4j.mavenRepoLocal", "");
        if (!repo.isBlank()) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        command.add("package");
        Path log = work.resolve(name + "-build.log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(copy.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        long start = System.nanoTime();
        assertNull(JupyterSandbox.run(pb, log, BUILD_TIMEOUT_SECONDS), "building " + name + " failed");
        System.err.printf("ThirdPartyKernels: built %s in %d s%n", name, (System.nanoTime() - start) / 1_000_000_000L);
        return copy;
    }

    /**
     * Installs kernelspec {@code name}: the files of {@code files} and {@code kernelJson} with
     * {@code argv[0]} set to {@code java} and the JDK's {@code bin} first on the kernel's {@code PATH}
     * (JJava's launcher starts the kernel JVM with the {@code java} it finds there).
     */
    static void install(JupyterSandbox sandbox, String name, ObjectNode kernelJson, List<Path> files, Path java)
            throws IOException {
        assumeTrue(Files.isExecutable(java), "no JDK at " + java.getParent().getParent());
        Path dir = sandbox.kernels().resolve(name);
        Files.createDirectories(dir);
        for (Path f : files) {
            Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        ObjectNode spec = kernelJson.deepCopy();
        spec.withArray("argv").set(0, spec.textNode(java.toAbsolutePath().toString()));
        spec.withObjectProperty("env").put("PATH", java.getParent().toAbsolutePath() + ":" + System.getenv("PATH"));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("kernel.json").toFile(), spec);
    }

    /** Unpacks the files of {@code zip} (its folders flattened) into {@code target}; returns them. */
    static List<Path> unzip(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        List<Path> files = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(raw)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (!e.isDirectory()) {
                    Path f = target.resolve(Path.of(e.getName()).getFileName().toString());
                    Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
                    files.add(f);
                }
            }
        }
        assertTrue(!files.isEmpty(), "empty kernelspec archive " + zip);
        return files;
    }

    /**
     * Runs {@code test_kernel_third_party.<testClass>} against kernelspec {@code kernel}, which runs
     * on the JDK at {@code javaHome} and whose loading cell is {@code loadCell} with
     * {@value #JAR_PLACEHOLDER} replaced by the library jar.
     *
     * @return null when it passed, else what went wrong and its output
     */
    static String runSuite(JupyterSandbox sandbox, String kernel, String javaHome, String loadCell, String testClass,
            Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = sandbox.command(List.of("/usr/bin/python3", "-m", "unittest", "-v",
                "test_kernel_third_party." + testClass), log).directory(PYTHON_TESTS.toFile());
        pb.environment().put("MP4J_TEST_KERNEL", kernel);
        pb.environment().put("MP4J_LOAD_CELL", loadCell(loadCell));
        pb.environment().put("MP4J_TEST_JAVA_HOME", javaHome);
        long start = System.nanoTime();
        String failure = JupyterSandbox.run(pb, log, SUITE_TIMEOUT_SECONDS);
        System.err.printf("ThirdPartyKernels: %s on %s in %d s%n", testClass, kernel, (System.nanoTime() - start) / 1_000_000_000L);
        return failure;
    }

    /** {@code template} with {@value #JAR_PLACEHOLDER} replaced by the absolute path of mp4j's library jar. */
    static String loadCell(String template) {
        Path jar = Path.of(System.getProperty("mp4j.libraryJar", "target/mp4j.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "no library jar at " + jar + " (mvn package)");
        return template.replace(JAR_PLACEHOLDER, jar.toString());
    }

    /** A kernelspec name for the JDK at {@code javaHome}: {@code prefix} and the JDK folder's name. */
    static String kernelName(String prefix, String javaHome) {
        return prefix + "-" + Path.of(javaHome).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String maven() {
        String home = System.getProperty("mp4j.mavenHome", "");
        Path mvn = Path.of(home, "bin", "mvn");
        return !home.isBlank() && Files.isExecutable(mvn) ? mvn.toString() : "mvn";
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            paths.forEach(p -> {
                Path to = target.resolve(source.relativize(p).toString());
                try {
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to); // not its attributes: the source may be read-only
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
