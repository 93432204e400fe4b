package io.github.mp4j.wire;

import java.util.Arrays;
import java.util.HashSet;
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
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < levels; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("x"); // t1 and t2 differ
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return ObjectCodec.serialize(root);
    }
}
