package io.github.mp4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.mp4j.Acquirer;
import io.github.mp4j.Lock;
import io.github.mp4j.Process;
import io.github.mp4j.RawValue;
import io.github.mp4j.StartMethod;
import io.github.mp4j.Value;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** CPython's {@code _TestValue}, once per start method. */
@ParameterizedClass(name = "{0}")
@EnumSource(StartMethod.class)
class TestValue extends PerStartMethod {

    /** CPython's type codes i, d, h, q, c as Java types: a type, a first value and the child's. */
    private record Code(Class<?> type, Object first, Object second) {
    }

    private static final List<Code> CODES = List.of(
            new Code(int.class, 4343, 24234),
            new Code(double.class, 3.625, -4.25),
            new Code(short.class, (short) -232, (short) 234),
            new Code(long.class, 1L << 33, 1L << 34),
            new Code(char.class, 'x', 'y'));

    /** Makes each value, checks its first value, lets a child set the second, checks that. */
    private <V> void checkValues(Function<Code, V> make, Function<V, Object> get, SerializableSetter<V> set)
            throws Exception {
        List<V> values = CODES.stream().map(make).toList();
        for (int i = 0; i < CODES.size(); i++) {
            assertEquals(CODES.get(i).first(), get.apply(values.get(i)));
        }
        List<Object> seconds = CODES.stream().map(Code::second).toList();
        Process proc = process(() -> {
            for (int i = 0; i < values.size(); i++) {
                set.accept(values.get(i), seconds.get(i));
            }
        });
        proc.setDaemon(true);
        proc.start();
        join(proc);
        assertEquals(0, proc.exitCode());
        for (int i = 0; i < CODES.size(); i++) {
            assertEquals(CODES.get(i).second(), get.apply(values.get(i)));
        }
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void testValue() throws Exception {
        this.<Value>checkValues(c -> new Value(c.type(), c.first()), Value::get, Value::set);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void testRawvalue() throws Exception {
        this.<RawValue>checkValues(c -> new RawValue(c.type(), c.first()), RawValue::get, RawValue::set);
    }

    /** A setter that travels into the child with the values. */
    interface SerializableSetter<V> extends java.util.function.BiConsumer<V, Object>, java.io.Serializable {
    }

    @Test
    @Deliberate("Python's lock=None (a lock of its own) is the constructor without a lock, lock=False is "
            + "RawValue, whose type has no getLock or getObj, and a null or wrong lock is refused by the "
            + "compiler or with NullPointerException rather than AttributeError")
    void testGetobjGetlock() {
        Value<Integer> val1 = new Value<>(int.class, 5);
        Acquirer lock1 = val1.getLock();
        assertEquals(5, val1.getObj().get());

        Lock lock = new Lock();
        Value<Integer> val3 = new Value<>(int.class, 5, lock);
        assertSame(lock, val3.getLock());
        assertEquals(5, val3.getObj().get());

        assertThrows(NullPointerException.class, () -> new Value<>(int.class, 5, null));
        RawValue<Integer> raw = new RawValue<>(int.class, 5);
        assertEquals(5, raw.get());
        assertEquals(lock1, val1.getLock());
    }
}
