package io.github.mp4j.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private Jupyter for integration tests: the packaged kernel installed as kernelspec
 * {@value #KERNEL} in a temporary folder that {@code JUPYTER_PATH}, {@code JUPYTER_DATA_DIR},
 * {@code JUPYTER_CONFIG_DIR} and {@code JUPYTER_RUNTIME_DIR} point to, so Jupyter tools started
 * through {@link #command} find it before any kernel the user installed, and read no user config.
 */
final class JupyterSandbox {

    /** The name the notebooks' metadata asks for, so a browser opens them without asking. */
    static final String KERNEL = "mp4j";

    private final Path home;

    private JupyterSandbox(Path home) {
        this.home = home;
    }

    /**
     * Installs the kernel jar built by {@code mvn package} into {@code home}, run by this JVM's java.
     * Skips the test (assumption) when Debian's Jupyter is not installed.
     */
    static JupyterSandbox install(Path home) throws IOException {
        JupyterSandbox sandbox = empty(home);
        Path jar = Path.of(System.getProperty("mp4j.kernelJar", "target/mp4j-kernel.jar"));
        assertTrue(Files.isRegularFile(jar), "kernel jar not built: " + jar);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        KernelSpecInstaller.install(new KernelSpecInstaller.Options(
                Path.of("kernel"), jar, sandbox.kernels(), KERNEL, java));
        return sandbox;
    }

    /**
     * A sandbox in {@code home} with no kernel installed, for kernels installed into {@link #kernels()}.
     * Skips the test (assumption) when Debian's Jupyter is not installed.
     */
    static JupyterSandbox empty(Path home) {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyter")),
                "Jupyter is not installed (/usr/bin/jupyter missing): run .ci/run or install.sh as root");
        return new JupyterSandbox(home);
    }

    /** The folder of the sandbox's kernelspecs, one sub-folder each. */
    Path kernels() {
        return home.resolve("kernels");
    }

    /** A process builder for {@code command} in the sandbox's environment, output to {@code log}. */
    ProcessBuilder command(List<String> command, Path log) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JUPYTER_PATH", home.toString());
        pb.environment().put("JUPYTER_DATA_DIR", home.toString());
        pb.environment().put("JUPYTER_CONFIG_DIR", home.resolve("config").toString());
        pb.environment().put("JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString());
        return pb;
    }

    /** Waits at most {@code timeoutSeconds} for {@code p}; then kills it and its descendants and returns false. */
    static boolean awaitOrKill(java.lang.Process p, long timeoutSeconds) throws InterruptedException {
        if (p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            return true;
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        return false;
    }

    /**
     * Runs {@code pb} to its end, at most {@code timeoutSeconds}; then kills it and its descendants.
     *
     * @return null when it exited with status 0, else what went wrong followed by its log
     */
    static String run(ProcessBuilder pb, Path log, long timeoutSeconds) throws IOException, InterruptedException {
        java.lang.Process p = pb.start();
        boolean finished = awaitOrKill(p, timeoutSeconds);
        if (finished && p.exitValue() == 0) {
            return null;
        }
        String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        return (finished ? "exit status " + p.exitValue() : "did not finish within " + timeoutSeconds + " s")
                + " running " + pb.command() + "\n" + output;
    }
}
