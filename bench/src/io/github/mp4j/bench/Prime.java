package io.github.mp4j.bench;

import io.github.mp4j.Process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs before any benchmark: starts one child, so that the children's class-data archive for this
 * class path is built now rather than while the first round is timed (the first child of a new class
 * path trains it in the background, and children started meanwhile run without it). Waits until no
 * training file is being written, at most 60 s. Prints nothing on stdout.
 */
public final class Prime {

    private static final long BOUND_NANOS = Duration.ofSeconds(60).toNanos();

    private Prime() {}

    public static void main(String[] args) throws Exception {
        Process child = new Process(() -> { });
        child.start();
        child.join(Duration.ofSeconds(60));
        Path cds = Path.of(System.getProperty("mp4j.cacheDir",
                Path.of(System.getProperty("user.home"), ".cache", "mp4j").toString()), "cds");
        long start = System.nanoTime();
        Thread.sleep(500); // the trainer starts beside the first child
        while (training(cds) && System.nanoTime() - start < BOUND_NANOS) {
            Thread.sleep(200);
        }
    }

    private static boolean training(Path cds) throws IOException {
        if (!Files.isDirectory(cds)) {
            return false;
        }
        long recent = System.currentTimeMillis() - Duration.ofMinutes(2).toMillis();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(cds, "training-*")) {
            for (Path f : files) {
                if (Files.getLastModifiedTime(f).toMillis() > recent) {
                    return true;
                }
            }
        }
        return false;
    }
}
