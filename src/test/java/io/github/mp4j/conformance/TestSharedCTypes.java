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

    /** A shared number of either kind: Value or RawValue. */
    interface Number extends java.io.Serializable {
        Object get();

        void set(Object value);
    }

    /** A shared array of either kind: Array or RawArray. */
    interface Numbers extends java.io.Serializable {
        int length();

        Object get(int i);

        void set(int i, Object value);
    }

    private static Number number(Object value) {
        return ProcessesOrManager.adapt(Number.class, value);
    }

    /** CPython's {@code _double} in a child, then its checks here. */
    private void checkDoubled(Number x, Number y, Number z, Numbers arr) throws Exception {
        Process p = process(() -> {
            x.set((Integer) x.get() * 2);
            y.set((Double) y.get() * 2);
            z.set((Long) z.get() * 2);
            for (int i = 0; i < arr.length(); i++) {
                arr.set(i, (Double) arr.get(i) * 2);
            }
        });
        p.setDaemon(true);
        p.start();
        join(p);
        assertEquals(14, x.get());
        assertEquals(2.0 / 3.0, (Double) y.get(), 1e-9);
        assertEquals(1L << 34, z.get());
        for (int i = 0; i < 10; i++) {
            assertEquals(i * 2, (Double) arr.get(i), 1e-9);
        }
    }

    @Test
    @Deliberate("no ctypes Structure or c_char string to share: the int, double and long values and the "
            + "double array are doubled as in CPython, without a lock (RawValue, RawArray)")
    void testSharedctypes() throws Exception {
        checkDoubled(number(new RawValue<>(int.class, 7)), number(new RawValue<>(double.class, 1.0 / 3.0)),
                number(new RawValue<>(long.class, 1L << 33)),
                ProcessesOrManager.adapt(Numbers.class, new RawArray<>(double.class, range(10))));
    }

    @Test
    @Deliberate("as test_sharedctypes, with the locked Value and Array (Python's lock=True)")
    void testSynchronize() throws Exception {
        checkDoubled(number(new Value<>(int.class, 7)), number(new Value<>(double.class, 1.0 / 3.0)),
                number(new Value<>(long.class, 1L << 33)),
                ProcessesOrManager.adapt(Numbers.class, new Array<>(double.class, range(10))));
    }
}
