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

    private static Object roundTrip(Object value) throws Exception {
        return ObjectCodec.deserialize(ObjectCodec.serialize(value));
    }

    @Test
    void anArrayLongerThanTheRestOfTheMessageIsRefusedBeforeItIsAllocated() throws Exception {
        byte[] claim = HostileMessages.hugeArrayClaim();
        assertEquals(27, claim.length);
        InvalidClassException e = assertThrows(InvalidClassException.class, () -> ObjectCodec.deserialize(claim));
        assertTrue(e.getMessage().contains("an array of 268435456 long"), e.getMessage());
    }

    @Test
    void nestedHashSetsThatShareTheirElementsAreRefusedQuickly() throws Exception {
        byte[] bomb = HostileMessages.hashSetBomb(30);
        assertTrue(bomb.length < 2000, "a small message: " + bomb.length);
        InvalidClassException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(InvalidClassException.class, () -> ObjectCodec.deserialize(bomb)));
        assertTrue(e.getMessage().contains("collections that share their elements"), e.getMessage());
        assertEquals(3, ((Set<?>) ObjectCodec.deserialize(HostileMessages.hashSetBomb(3))).size(),
                "a few shared levels are fine");
    }

    @Test
    void wideNestedHashSetsWithTinyBucketArraysAreRefusedQuickly() throws Exception {
        byte[] bomb = HostileMessages.hashSetBomb(20, 3, 1000f);
        assertTrue(bomb.length < 4000, "a small message: " + bomb.length);
        InvalidClassException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(InvalidClassException.class, () -> ObjectCodec.deserialize(bomb)));
        assertTrue(e.getMessage().contains("collections that share their elements"), e.getMessage());
    }

    @Test
    void setsThatShareARecordOfTheNextLevelAreRefusedQuickly() throws Exception {
        byte[] bomb = HostileMessages.recordBomb(40);
        InvalidClassException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(InvalidClassException.class, () -> ObjectCodec.deserialize(bomb)));
        assertTrue(e.getMessage().contains("collections that share their elements"), e.getMessage());
    }

    @Test
    void aLongChainOfSmallHashMapsTravels() throws Exception {
        Map<String, Object> chain = new HashMap<>(Map.of("leaf", 1));
        for (int i = 0; i < 200; i++) {
            Map<String, Object> outer = new HashMap<>();
            outer.put("level", i);
            outer.put("next", chain);
            chain = outer;
        }
        assertEquals(chain, roundTrip(chain));
    }

    record Point(int x, int y) implements Serializable {}

    /** A record whose accessor counts its calls, as any code of the sender's choosing could act. */
    record Watched(List<Integer> values) implements Serializable {
        static final java.util.concurrent.atomic.AtomicInteger CALLS = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public List<Integer> values() {
            CALLS.incrementAndGet();
            return values;
        }
    }

    @Test
    void weighingARecordRunsNoneOfItsCode() throws Exception {
        byte[] message = ObjectCodec.serialize(new Watched(List.of(1, 2, 3)));
        Watched.CALLS.set(0);
        Object read = ObjectCodec.deserialize(message);
        assertEquals(0, Watched.CALLS.get(), "accessor calls while the message was read");
        assertEquals(List.of(1, 2, 3), ((Watched) read).values);
    }

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
