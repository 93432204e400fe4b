package org.example.untrusted;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A comparator that creates a file when it runs, in whatever JVM that is: a class from a package
 * that no mp4j allow-list names, whose code would run inside a receive if the filter let it in.
 */
public final class RecordingComparator implements Comparator<Integer>, Serializable {

    private final String marker;

    private RecordingComparator(String marker) {
        this.marker = marker;
    }

    /** A queue of three values ordered by a comparator that creates {@code marker} when it compares. */
    public static PriorityQueue<Integer> queue(Path marker) {
        PriorityQueue<Integer> queue = new PriorityQueue<>(new RecordingComparator(marker.toString()));
        queue.addAll(List.of(3, 1, 2));
        try {
            Files.deleteIfExists(marker); // adding compared here
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return queue;
    }

    @Override
    public int compare(Integer a, Integer b) {
        try {
            Files.writeString(Path.of(marker), "compared");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Integer.compare(a, b);
    }
}
