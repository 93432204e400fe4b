package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ArrayTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void theJavadocExampleRuns() throws Exception {
        Array<Double> squares = new Array<>(double.class, 4);
        Array<Integer> counts = new Array<>(int.class, List.of(0, 0));
        Process p = new Process(() -> {
            for (int i = 0; i < squares.length(); i++) squares.set(i, (double) i * i);
            try (Held held = counts.getLock().hold()) {
                counts.set(0, counts.get(0) + 1);
            }
        });
        p.start();
        p.join(BOUND);
        assertEquals(0, p.exitCode());
        assertEquals(List.of(0.0, 1.0, 4.0, 9.0), squares.toList());
        assertEquals(List.of(1, 0), counts.toList());
        assertEquals("<Array(int, [1, 0])>", counts.toString());
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void childrenIncrementEveryElementUnderTheLock() throws Exception {
        Array<Long> totals = new Array<>(long.class, 5);
        Event go = new Event();
        List<Process> children = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            Process p = new Process(() -> {
                if (!go.await(Duration.ofMinutes(2))) {
                    throw new IllegalStateException("never told to go");
                }
                for (int round = 0; round < 25; round++) {
                    for (int i = 0; i < totals.length(); i++) {
                        try (Held held = totals.getLock().hold()) {
                            long before = totals.get(i);
                            Thread.yield();
                            totals.set(i, before + 1);
                        }
                    }
                }
            });
            p.start();
            children.add(p);
        }
        go.set();
        for (Process p : children) {
            p.join(Duration.ofMinutes(2));
            assertEquals(0, p.exitCode(), p.toString());
        }
        assertEquals(Collections.nCopies(5, 100L), totals.toList());
    }

    @Test
    void everyPrimitiveTypeRoundTripsThroughAChild() throws Exception {
        RawArray<Boolean> booleans = new RawArray<>(boolean.class, List.of(true, false, true));
        RawArray<Byte> bytes = new RawArray<>(byte.class, List.of((byte) 1, (byte) -2, (byte) 3, (byte) -4, (byte) 5));
        Array<Character> chars = new Array<>(char.class, List.of('a', 'ß', '中'));
        Array<Short> shorts = new Array<>(short.class, List.of((short) 1, (short) -1));
        RawArray<Integer> ints = new RawArray<>(int.class, List.of(1, 2, 3));
        Array<Long> longs = new Array<>(long.class, List.of(Long.MIN_VALUE, Long.MAX_VALUE));
        RawArray<Float> floats = new RawArray<>(float.class, List.of(0.5f, -0.25f));
        Array<Double> doubles = new Array<>(double.class, List.of(1e300, -1e-300, Double.NEGATIVE_INFINITY));
        Queue seen = new Queue();
        Process p = new Process(() -> {
            seen.put(List.of(booleans.toList(), bytes.toList(), chars.toList(), shorts.toList(), ints.toList(),
                    longs.toList(), floats.toList(), doubles.toList()));
            booleans.set(1, true);
            bytes.set(2, (byte) -128);                          // its neighbours must stay as they are
            chars.set(2, 'z');
            shorts.set(0, Short.MAX_VALUE);
            ints.set(2, -3);
            longs.set(0, 0L);
            floats.set(1, Float.MAX_VALUE);
            doubles.set(2, Double.NaN);
        });
        p.start();
        assertEquals(List.of(List.of(true, false, true), List.of((byte) 1, (byte) -2, (byte) 3, (byte) -4, (byte) 5),
                List.of('a', 'ß', '中'), List.of((short) 1, (short) -1), List.of(1, 2, 3),
                List.of(Long.MIN_VALUE, Long.MAX_VALUE), List.of(0.5f, -0.25f),
                List.of(1e300, -1e-300, Double.NEGATIVE_INFINITY)), seen.get(BOUND));
        p.join(BOUND);
        assertEquals(0, p.exitCode());
        assertEquals(List.of(true, true, true), booleans.toList());
        assertEquals(List.of((byte) 1, (byte) -2, (byte) -128, (byte) -4, (byte) 5), bytes.toList());
        assertEquals(List.of('a', 'ß', 'z'), chars.toList());
        assertEquals(List.of(Short.MAX_VALUE, (short) -1), shorts.toList());
        assertEquals(List.of(1, 2, -3), ints.toList());
        assertEquals(List.of(0L, Long.MAX_VALUE), longs.toList());
        assertEquals(List.of(0.5f, Float.MAX_VALUE), floats.toList());
        assertEquals(Double.NaN, doubles.get(2));
    }

    @Test
    void neighbouringBytesWrittenByTwoProcessesAtOnceKeepTheirOwnValues() throws Exception {
        RawArray<Byte> bytes = new RawArray<>(byte.class, 16);
        Event go = new Event();
        Process p = new Process(() -> {
            if (!go.await(BOUND)) {
                throw new IllegalStateException("never told to go");
            }
            for (int round = 0; round < 20_000; round++) {
                for (int i = 0; i < 16; i += 2) {
                    bytes.set(i, (byte) round);
                }
            }
        });
        p.start();
        go.set();
        for (int round = 0; round < 20_000; round++) {
            for (int i = 1; i < 16; i += 2) {
                bytes.set(i, (byte) -round);
            }
        }
        p.join(BOUND);
        assertEquals(0, p.exitCode());
        for (int i = 0; i < 16; i++) {
            assertEquals(i % 2 == 0 ? (byte) 19_999 : (byte) -19_999, bytes.get(i), "byte " + i);
        }
    }

    @Test
    void indexesOutsideTheArrayAreRefused() throws Exception {
        Array<Integer> locked = new Array<>(int.class, 3);
        RawArray<Integer> raw = new RawArray<>(int.class, List.of(7));
        assertThrows(IndexOutOfBoundsException.class, () -> locked.get(3));
        assertThrows(IndexOutOfBoundsException.class, () -> locked.get(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> locked.set(3, 1));
        assertEquals("Index 1 out of bounds for length 1",
                assertThrows(IndexOutOfBoundsException.class, () -> raw.get(1)).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> raw.set(-1, 1));
        assertTrue(locked.getLock().acquire(false), "a refused access leaves the lock free");
        locked.getLock().release();
        assertEquals("invalid array length: -1",
                assertThrows(IllegalArgumentException.class, () -> new Array<>(int.class, -1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RawArray<>(double.class, Integer.MAX_VALUE / 4));
        assertThrows(IllegalArgumentException.class, () -> new Array<>(Object.class, 1));
        assertThrows(ClassCastException.class, () -> new RawArray<>(Integer.class, rawList()));
        RawArray<Boolean> empty = new RawArray<>(boolean.class, 0);
        assertEquals(0, empty.length());
        assertEquals(List.of(), empty.toList());
        assertEquals("<RawArray(boolean, [])>", empty.toString());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Integer> rawList() {
        return (List) List.of(1, "two");
    }

    @Test
    void aLongArrayShowsItsFirstTwentyElements() {
        RawArray<Integer> big = new RawArray<>(int.class, IntStream.range(0, 25).boxed().toList());
        assertEquals("<RawArray(int, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,"
                + " ... (25 elements)])>", big.toString());
    }

    @Test
    void closingArraysFreesTheirMemoryAtOnce() throws Throwable {
        Array<Integer> array = Closing.freesMemoryAtOnce(10, () -> new Array<>(int.class, 4)).get(0);
        Closing.assertClosed(array, "array", () -> array.get(0), () -> array.set(0, 1), array::toList, array::getLock);
        RawArray<Integer> raw = Closing.freesMemoryAtOnce(10, () -> new RawArray<>(int.class, 4)).get(0);
        Closing.assertClosed(raw, "array", () -> raw.get(0), () -> raw.set(0, 1), raw::toList);
    }
}
