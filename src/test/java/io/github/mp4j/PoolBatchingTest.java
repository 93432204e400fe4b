package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.NotSerializableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the pool's fast paths must not change: items written to a worker in batches still succeed
 * or fail one by one, numbers sent as primitive arrays keep their exact types and values, and
 * everything queued before close is answered.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PoolBatchingTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void aBurstOfCallsFailsOnlyTheItemsThatCannotTravel() throws Exception {
        try (Pool pool = new Pool(2)) {
            List<AsyncResult<Object>> results = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                int n = i;
                Object unserializable = new Object();
                if (i % 25 == 7) {
                    results.add(pool.applyAsync(() -> unserializable.hashCode()));   // argument
                } else if (i % 25 == 13) {
                    results.add(pool.applyAsync(() -> new Object()));                // result
                } else {
                    results.add(pool.applyAsync(() -> n * 3));
                }
            }
            for (int i = 0; i < 300; i++) {
                AsyncResult<Object> r = results.get(i);
                if (i % 25 == 7 || i % 25 == 13) {
                    assertThrows(NotSerializableException.class, () -> r.get(BOUND), "item " + i);
                } else {
                    assertEquals(i * 3, r.get(BOUND), "item " + i);
                }
            }
            List<Object> items = IntStream.range(0, 200).mapToObj(i -> i == 150 ? new Object() : (Object) i)
                    .collect(Collectors.toList());
            assertThrows(NotSerializableException.class, () -> pool.map(x -> x.hashCode() > -1, items, 1));
            assertEquals(200, pool.map(x -> x, IntStream.range(0, 200).boxed().collect(Collectors.toList()), 1).size());
        }
    }

    @Test
    void numbersKeepTheirTypesAndExactValuesThroughAMap() throws Exception {
        try (Pool pool = new Pool(2)) {
            List<Long> longs = List.of(Long.MIN_VALUE, -1L, 0L, Long.MAX_VALUE, 1L << 40);
            assertEquals(longs, pool.map(x -> x, longs));
            List<Double> doubles = List.of(-0.0, 0.0, Double.NaN, Double.NEGATIVE_INFINITY, 0.1);
            List<Double> back = pool.map(x -> x, doubles);
            for (int i = 0; i < doubles.size(); i++) {
                assertEquals(Double.doubleToRawLongBits(doubles.get(i)), Double.doubleToRawLongBits(back.get(i)));
            }
            List<Integer> ints = IntStream.range(-500, 500).boxed().collect(Collectors.toList());
            List<Object> mixed = pool.map(x -> x % 3 == 0 ? (Object) (long) x : x % 3 == 1 ? x : null, ints);
            for (int i = 0; i < ints.size(); i++) {
                int x = ints.get(i);
                Object expected = x % 3 == 0 ? (Object) (long) x : x % 3 == 1 ? x : null;
                assertEquals(expected, mixed.get(i), "index " + i);
            }
            List<Integer> withNull = Arrays.asList(1, null, 3);
            assertEquals(Arrays.asList(2, null, 6), pool.map(x -> x == null ? null : x * 2, withNull));
            List<Integer> squares = pool.map(x -> x * x, ints);
            squares.add(7); // the result is an ordinary list of its own
            assertEquals(1001, squares.size());
            assertNull(pool.map(x -> null, List.of(1)).get(0));
        }
    }

    @Test
    void aWorkerThatTookLongPerItemHoldsOnlyTwo() throws Exception {
        Pool pool = new Pool(2);
        try {
            Eventually.assertHolds(BOUND,
                    () -> pool.state().workers().stream().filter(w -> w.state() == PoolState.WorkerState.IDLE).count() >= 2,
                    () -> "both workers up");
            // Teach both workers that an item takes about 200 ms (two items each, one after the other).
            List<AsyncResult<Integer>> learning = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                learning.add(pool.applyAsync(() -> {
                    Thread.sleep(200);
                    return 1;
                }));
            }
            for (AsyncResult<Integer> r : learning) {
                assertEquals(1, r.get(BOUND));
            }
            // Six long items: an even share would be three each; a worker holds two, so two stay queued
            // (for another worker to take as soon as one is free), until the first answers seconds later.
            for (int i = 0; i < 6; i++) {
                pool.applyAsync(() -> {
                    Thread.sleep(20_000);
                    return 0;
                });
            }
            PoolState state = pool.state();
            assertEquals(2, state.queued(), state.toString());
        } finally {
            pool.terminate();
            assertTrue(pool.join(BOUND));
        }
    }

    @Test
    void everythingQueuedBeforeCloseIsAnswered() throws Exception {
        Pool pool = new Pool(2);
        List<AsyncResult<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            int n = i;
            results.add(pool.applyAsync(() -> n + 1));
        }
        AsyncResult<List<Integer>> mapped = pool.mapAsync(x -> -x,
                IntStream.range(0, 500).boxed().collect(Collectors.toList()), 1);
        pool.close();
        assertTrue(pool.join(BOUND));
        for (int i = 0; i < 500; i++) {
            assertEquals(i + 1, results.get(i).get(BOUND));
        }
        assertEquals(-499, mapped.get(BOUND).get(499));
    }
}
