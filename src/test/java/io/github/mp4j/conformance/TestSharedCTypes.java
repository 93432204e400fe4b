package io.github.mp4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mp4j.Array;
import io.github.mp4j.Process;
import io.github.mp4j.RawArray;
import io.github.mp4j.RawValue;
import io.github.mp4j.StartMethod;
import io.github.mp4j.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CPython's {@code _TestSharedCTypes}, once per start method: a child doubles shared numbers and an
 * array. Without ctypes there is no {@code Structure} or {@code c_char} string: the Java port
 * doubles an int, a double, a long and a double array.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StartMethod.class)
@NotApplicable(method = "test_copy", reason = "copies a ctypes Structure; Java has no ctypes structures")
class TestSharedCTypes extends PerStartMethod {

    private static List<Double> range(int n) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add((double) i);
        }
        return values;
    }

    @Test
    @Deliberate("no ctypes Structure or c_char string to share: the int, double and long values and the "
            + "double array are doubled as in CPython, without a lock (RawValue, RawArray)")
    void testSharedctypes() throws Exception {
        RawValue<Integer> x = new RawValue<>(int.class, 7);
        RawValue<Double> y = new RawValue<>(double.class, 1.0 / 3.0);
        RawValue<Long> z = new RawValue<>(long.class, 1L << 33);
        RawArray<Double> arr = new RawArray<>(double.class, range(10));
        Process p = process(() -> {
            x.set(x.get() * 2);
            y.set(y.get() * 2);
            z.set(z.get() * 2);
            for (int i = 0; i < arr.length(); i++) {
                arr.set(i, arr.get(i) * 2);
            }
        });
        p.setDaemon(true);
        p.start();
        join(p);
        assertEquals(14, x.get());
        assertEquals(2.0 / 3.0, y.get(), 1e-9);
        assertEquals(1L << 34, z.get());
        for (int i = 0; i < 10; i++) {
            assertEquals(i * 2, arr.get(i), 1e-9);
        }
    }

    @Test
    @Deliberate("as test_sharedctypes, with the locked Value and Array (Python's lock=True)")
    void testSynchronize() throws Exception {
        Value<Integer> x = new Value<>(int.class, 7);
        Value<Double> y = new Value<>(double.class, 1.0 / 3.0);
        Value<Long> z = new Value<>(long.class, 1L << 33);
        Array<Double> arr = new Array<>(double.class, range(10));
        Process p = process(() -> {
            x.set(x.get() * 2);
            y.set(y.get() * 2);
            z.set(z.get() * 2);
            for (int i = 0; i < arr.length(); i++) {
                arr.set(i, arr.get(i) * 2);
            }
        });
        p.setDaemon(true);
        p.start();
        join(p);
        assertEquals(14, x.get());
        assertEquals(2.0 / 3.0, y.get(), 1e-9);
        assertEquals(1L << 34, z.get());
        for (int i = 0; i < 10; i++) {
            assertEquals(i * 2, arr.get(i), 1e-9);
        }
    }
}
