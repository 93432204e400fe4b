package io.github.mp4j.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StreamCorruptedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The value lists of pool messages: numbers as one primitive array, everything else as before. */
class PrimitiveValuesTest {

    private static List<Object> roundTrip(List<?> values) throws Exception {
        return WorkCodec.readValues(WorkCodec.values(values), 0);
    }

    /** Equal values of the same classes, in order; doubles compared by their raw bits. */
    private static void assertSameValues(List<?> expected, List<?> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Object e = expected.get(i);
            Object a = actual.get(i);
            if (e == null) {
                assertNull(a, "index " + i);
                continue;
            }
            assertNotNull(a, "index " + i);
            assertEquals(e.getClass(), a.getClass(), "index " + i);
            if (e instanceof Double d) {
                assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits((Double) a), "index " + i);
            } else {
                assertEquals(e, a, "index " + i);
            }
        }
        assertArrayEquals(expected.toArray(), actual.toArray());
    }

    @Test
    void intsLongsAndDoublesTravelAsOneArrayAndComeBackExactly() throws Exception {
        List<Integer> ints = List.of(0, 1, -1, 127, 128, -129, Integer.MAX_VALUE, Integer.MIN_VALUE, 5);
        List<Long> longs = List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40, 2L, 3L, 4L);
        List<Double> doubles = List.of(0.0, -0.0, 1.5, Double.NaN, Double.longBitsToDouble(0x7ff8_0000_dead_beefL),
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE);
        assertEquals(PrimitiveValues.INTS, WorkCodec.values(ints)[0]);
        assertEquals(PrimitiveValues.LONGS, WorkCodec.values(longs)[0]);
        assertEquals(PrimitiveValues.DOUBLES, WorkCodec.values(doubles)[0]);
        assertEquals(5 + 4 * ints.size(), WorkCodec.values(ints).length, "four bytes an int");
        assertSameValues(ints, roundTrip(ints));
        assertSameValues(longs, roundTrip(longs));
        assertSameValues(doubles, roundTrip(doubles));
        assertEquals(PrimitiveValues.INTS, WorkCodec.values(List.of(1, 2, 3, 4, 5, 6, 7, 8))[0]);
        List<Integer> many = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            many.add(i * 7919 - 50_000);
        }
        assertSameValues(many.subList(1, 99_999), roundTrip(many.subList(1, 99_999))); // a chunk is a sub-list
    }

    @Test
    void nullsAndMixedTypesFallBackToTaggedValues() throws Exception {
        // long enough for an array: only the odd one out (at the end, or first) forces the fallback
        List<List<?>> mixtures = List.of(
                padded(1, (Object) null),
                padded(null, 1),
                padded(1, 2L),
                padded(1L, 2),
                padded(1.0, 2.0f),
                padded(1.0, 2L),
                padded(1, "two"),
                padded((short) 1, (short) 2),
                padded(1, List.of(2)),
                List.of(1, 2, 3, 4, 5, 6, 7), // too short to be worth an array
                Collections.emptyList());
        for (List<?> values : mixtures) {
            byte kind = WorkCodec.values(values)[0];
            assertEquals(false, PrimitiveValues.isPrimitive(kind), values.toString());
            assertSameValues(values, roundTrip(values));
        }
    }

    /** Eight copies of {@code first}, then {@code rest}. */
    private static List<Object> padded(Object first, Object... rest) {
        List<Object> values = new ArrayList<>(Collections.nCopies(8, first));
        values.addAll(Arrays.asList(rest));
        return values;
    }

    @Test
    void aCorruptArrayIsRefused() throws Exception {
        byte[] ok = WorkCodec.values(List.of(1, 2, 3, 4, 5, 6, 7, 8));
        assertThrows(StreamCorruptedException.class, () -> WorkCodec.readValues(Arrays.copyOf(ok, ok.length - 1), 0));
        byte[] longer = Arrays.copyOf(ok, ok.length + 4);
        assertThrows(StreamCorruptedException.class, () -> WorkCodec.readValues(longer, 0));
        byte[] negative = ok.clone();
        negative[1] = (byte) 0x80;
        assertThrows(StreamCorruptedException.class, () -> WorkCodec.readValues(negative, 0));
        assertThrows(StreamCorruptedException.class, () -> WorkCodec.readValues(new byte[] {PrimitiveValues.LONGS, 0}, 0));
    }

    @Test
    void theWarmUpRunsTheCodecWithoutFailing() throws Exception {
        WarmUp warmUp = new WarmUp();
        warmUp.train(); // step() would hide a failure: the worker would merely stay untrained
        int steps = 1;
        while (warmUp.step()) {
            steps++;
        }
        assertEquals(200, steps, "a bounded number of steps");
    }

    /** A received list reads its values in the message itself: a map's results are not copied twice. */
    @Test
    void aReceivedListReadsItsValuesWhereTheyArrived() throws Exception {
        byte[] ints = WorkCodec.values(List.of(1, 2, 3, 4, 5, 6, 7, 8));
        byte[] longs = WorkCodec.values(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L));
        List<Object> intList = WorkCodec.readValues(ints, 0);
        List<Object> longList = WorkCodec.readValues(longs, 0);
        ints[5] = 42; // the first value, little-endian
        longs[5] = 42;
        assertEquals(42, intList.get(0));
        assertEquals(42L, longList.get(0));
        assertEquals(8, intList.get(7));
    }
}
