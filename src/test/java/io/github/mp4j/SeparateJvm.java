package io.github.mp4j;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Runs a command (a JVM, usually) to its end within a bound, for tests of what a whole program
 * does: its standard output and error, interleaved, are read once it has ended, and a command still
 * running at the bound is killed together with every process it started.
 *
 * <pre>{@code
 * SeparateJvm.Ended run = SeparateJvm.run(List.of(SeparateJvm.java(), "-cp", SeparateJvm.classPath(e -> true),
 *         Main.class.getName()), Duration.ofSeconds(60));
 * assertEquals(0, run.exitStatus(), run.toString());
 * }</pre>
 */
public final class SeparateJvm {

    /** How a command ended: its exit status (-1 when it was killed at the bound) and its output. */
    public record Ended(List<String> command, boolean finished, int exitStatus, String output) {
        /** The outcome, the command (a long argument such as a class path shortened) and the output. */
        @Override
        public String toString() {
            return (finished ? "exit status " + exitStatus : "killed: still running at the bound") + " of "
                    + command.stream().map(a -> a.length() > 100 ? a.substring(0, 60) + "..." : a).toList()
                    + "\n" + output;
        }
    }

    private SeparateJvm() {}

    /** The {@code java} launcher of the JVM running this test. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This JVM's class path with only the entries that {@code keep} accepts. */
    public static String classPath(Predicate<String> keep) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(keep).collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * Runs {@code command} with no input until it ends, at most {@code bound}; then kills it and its
     * descendants.
     */
    public static Ended run(List<String> command, Duration bound) throws IOException, InterruptedException {
        Path output = Files.createTempFile("mp4j-separate-jvm", ".out");
        try {
            java.lang.Process jvm = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            jvm.getOutputStream().close();
            boolean finished = jvm.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                // descendants first: once the command is dead, they are no longer known as its descendants
                jvm.descendants().forEach(ProcessHandle::destroyForcibly);
                jvm.destroyForcibly();
                jvm.waitFor(10, TimeUnit.SECONDS);
            }
            return new Ended(command, finished, finished ? jvm.exitValue() : -1,
                    Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
