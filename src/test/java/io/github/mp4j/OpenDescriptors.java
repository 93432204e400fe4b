package io.github.mp4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What this JVM holds open, read from {@code /proc/self}: the targets of its descriptors and the
 * files it maps, for tests that check that something was released.
 */
public final class OpenDescriptors {

    /** In a shared memory block's file name (see {@code handles.SharedMemory.FILE_PREFIX}). */
    public static final String SHARED_MEMORY = "/mp4j-shm-";

    private OpenDescriptors() {}

    /** The targets of this JVM's descriptors whose link contains {@code part}, one per descriptor. */
    public static List<String> targets(String part) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> links = Files.list(Path.of("/proc/self/fd"))) {
            for (Path link : (Iterable<Path>) links::iterator) {
                try {
                    String target = Files.readSymbolicLink(link).toString();
                    if (target.contains(part)) {
                        found.add(target);
                    }
                } catch (IOException closedMeanwhile) {
                    // the listing's own descriptor, or one another thread closed while we looked
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** The files this JVM maps whose path contains {@code part}, as {@code /proc/self/maps} names them. */
    public static Set<String> mappings(String part) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/self/maps"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines.stream().filter(line -> line.contains(part))
                .map(line -> line.substring(line.indexOf('/'))).collect(Collectors.toSet());
    }

    /**
     * Collects garbage until {@code released} holds (cleaners run on their own threads) or
     * {@code timeoutMillis} pass; whether it held.
     */
    public static boolean collectUntil(BooleanSupplier released, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!released.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            System.gc();
            Thread.sleep(20);
        }
        return true;
    }
}
