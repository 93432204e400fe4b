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
    /** In the path of a FIFO (see {@code handles.FifoStock}). */
    private static final String FIFO = "/mp4j-fifo-";

    private OpenDescriptors() {}

    /** The targets of this JVM's descriptors whose link contains {@code part}, one per descriptor. */
    public static List<String> targets(String part) {
        return targets(part, false);
    }

    /**
     * The targets of this JVM's descriptors on the sides of pipes (FIFOs opened to read or to
     * write), one per descriptor; not the read-write ones of FIFOs waiting in the stock.
     */
    public static List<String> pipeSides() {
        return targets(FIFO, true);
    }

    private static List<String> targets(String part, boolean oneWayOnly) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> links = Files.list(Path.of("/proc/self/fd"))) {
            for (Path link : (Iterable<Path>) links::iterator) {
                try {
                    String target = Files.readSymbolicLink(link).toString();
                    if (target.contains(part) && (!oneWayOnly || !readWrite(link.getFileName().toString()))) {
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

    /** Whether descriptor {@code fd} was opened read-write: its access mode (flags &amp; 3) is O_RDWR. */
    private static boolean readWrite(String fd) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo", fd))) {
            if (line.startsWith("flags:")) {
                return (Integer.parseInt(line.substring(6).trim(), 8) & 3) == 2;
            }
        }
        return false;
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
        return Eventually.holds(java.time.Duration.ofMillis(timeoutMillis), () -> {
            if (released.getAsBoolean()) {
                return true;
            }
            System.gc();
            return false;
        });
    }
}
