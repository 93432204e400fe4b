package io.github.mp4j.bench;

import io.github.mp4j.Process;
import io.github.mp4j.spawn.ClassDataArchive;

import java.time.Duration;

/**
 * Runs before any benchmark: starts one child, so that the children's class-data archive for this
 * class path is built now rather than while the first round is timed (the first child of a new class
 * path trains it in the background, and children started meanwhile run without it), and waits for
 * that training, at most 60 s. Prints nothing on stdout.
 */
public final class Prime {

    private Prime() {}

    public static void main(String[] args) throws Exception {
        Process child = new Process(() -> { });
        child.start();
        child.join(Duration.ofSeconds(60));
        ClassDataArchive.awaitTraining(Duration.ofSeconds(60));
    }
}
