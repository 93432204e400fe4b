package io.github.mp4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InvalidClassException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What a message may cost its receiver: bounded by its size, whatever it declares. */
class MessageFilterTest {

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

    private static Object roundTrip(Object value) throws Exception {
        return ObjectCodec.deserialize(ObjectCodec.serialize(value));
    }

    @Test
    void anArrayLongerThanTheRestOfTheMessageIsRefusedBeforeItIsAllocated() throws Exception {
        byte[] claim = hugeArrayClaim();
        assertEquals(27, claim.length);
        InvalidClassException e = assertThrows(InvalidClassException.class, () -> ObjectCodec.deserialize(claim));
        assertTrue(e.getMessage().contains("an array of 268435456 long"), e.getMessage());
    }

    @Test
    void nestedHashSetsThatShareTheirElementsAreRefusedQuickly() throws Exception {
        byte[] bomb = hashSetBomb(30);
        assertTrue(bomb.length < 2000, "a small message: " + bomb.length);
        InvalidClassException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(InvalidClassException.class, () -> ObjectCodec.deserialize(bomb)));
        assertTrue(e.getMessage().contains("hash tables nested"), e.getMessage());
        assertEquals(3, ((Set<?>) ObjectCodec.deserialize(hashSetBomb(2))).size() + 1,
                "a few shared levels are fine");
    }

    record Point(int x, int y) implements Serializable {}

    @Test
    void ordinaryValuesStillTravel() throws Exception {
        List<Object> values = new ArrayList<>();
        values.add(new long[1000]);
        values.add(new int[0]);
        values.add(new Object[] {null, null, null});
        values.add(new IdentityHashMap<>());
        values.add(new ArrayDeque<>(List.of(1)));
        values.add(new PriorityQueue<>(List.of(3, 1, 2)));
        values.add(new TreeMap<>(Map.of("a", 1)));
        values.add(new LinkedList<>(List.of(new Point(1, 2))));
        Map<String, Map<String, Set<Integer>>> nested = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            nested.put("k" + i, new HashMap<>());
        }
        Map<String, Set<Integer>> inner = nested.get("k0");
        for (int i = 0; i < 1000; i++) {
            inner.put("j" + i, new HashSet<>(List.of(i)));
        }
        values.add(nested);
        Point shared = new Point(5, 6);
        Set<Object> backReferences = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            backReferences.add(List.of(shared, i));
        }
        values.add(backReferences);
        for (Object v : values) {
            Object back = roundTrip(v);
            if (v instanceof Object[] array) {
                assertArrayEquals(array, (Object[]) back);
            } else if (v instanceof long[] || v instanceof int[] || v instanceof IdentityHashMap
                    || v instanceof ArrayDeque || v instanceof PriorityQueue) {
                assertEquals(v.getClass(), back.getClass());
            } else {
                assertEquals(v, back);
            }
        }
        Function<Integer, Integer> lambda = (Function<Integer, Integer> & Serializable) x -> x + 1;
        @SuppressWarnings("unchecked")
        Function<Integer, Integer> lambdaBack = (Function<Integer, Integer>) roundTrip(lambda);
        assertEquals(2, lambdaBack.apply(1));
    }
}
