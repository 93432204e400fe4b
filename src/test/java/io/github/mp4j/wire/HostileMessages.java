package io.github.mp4j.wire;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Messages that a buggy or compromised peer could send, each small and each costly when trusted; for tests. */
public final class HostileMessages {

    private HostileMessages() {}

    /** Java serialization of a {@code long[1 << 28]} (2 GiB) that ends right after the length: 27 bytes. */
    public static byte[] hugeArrayClaim() throws Exception {
        byte[] one = ObjectCodec.serialize(new long[1]);
        byte[] forged = Arrays.copyOf(one, one.length - Long.BYTES);
        Frames.putInt(forged, forged.length - Integer.BYTES, 1 << 28);
        return forged;
    }

    /**
     * Java serialization of {@code levels} nested HashSets in which both sets of each level hold
     * the same two sets of the next: hashing the outermost visits 2^levels sets.
     */
    public static byte[] hashSetBomb(int levels) throws Exception {
        return hashSetBomb(levels, 2, 0.75f);
    }

    /**
     * As {@link #hashSetBomb(int)} with {@code width} sets per level, each holding every set of the
     * next level, made with {@code loadFactor} (a large one makes their bucket arrays tiny):
     * hashing the outermost visits width^levels sets.
     */
    public static byte[] hashSetBomb(int levels, int width, float loadFactor) throws Exception {
        List<Set<Object>> level = sets(width, loadFactor);
        Set<Object> root = level.get(0);
        // Top down: a set is added while it holds only its marker, so building it hashes little.
        for (int i = 1; i < levels; i++) {
            List<Set<Object>> next = sets(width, loadFactor);
            for (Set<Object> set : level) {
                set.addAll(next);
            }
            level = next;
        }
        return ObjectCodec.serialize(root);
    }

    /** Two values; its hash combines theirs. */
    public record Pair(Object first, Object second) implements Serializable {}

    /**
     * Java serialization of {@code levels} levels of two sets that both hold one {@link Pair} of
     * the next level's two sets: hashing the outermost visits 2^levels sets, through records.
     */
    public static byte[] recordBomb(int levels) throws Exception {
        Set<Object> first = new HashSet<>();
        Set<Object> second = new HashSet<>(Set.of("second"));
        Set<Object> root = first;
        for (int i = 1; i < levels; i++) {
            Set<Object> nextFirst = new HashSet<>();
            Set<Object> nextSecond = new HashSet<>(Set.of("second"));
            Pair shared = new Pair(nextFirst, nextSecond); // hashed below while both are small
            first.add(shared);
            second.add(shared);
            first = nextFirst;
            second = nextSecond;
        }
        return ObjectCodec.serialize(root);
    }

    /** {@code width} sets that differ by the one number each holds. */
    private static List<Set<Object>> sets(int width, float loadFactor) {
        List<Set<Object>> sets = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            Set<Object> set = new HashSet<>(16, loadFactor);
            set.add(i);
            sets.add(set);
        }
        return sets;
    }
}
