package io.github.mp4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.mp4j.Array;
import io.github.mp4j.Lock;
import io.github.mp4j.Process;
import io.github.mp4j.RawArray;
import io.github.mp4j.StartMethod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CPython's {@code _TestArray}, once per start method. Python's slices ({@code arr[2:7]},
 * {@code arr[4:8] = ...}) are {@code toList().subList} and element-wise {@code set} here.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StartMethod.class)
class TestArray extends PerStartMethod {

    private static final List<Integer> SEQ = List.of(680, 626, 934, 821, 150, 233, 548, 982, 714, 831);

    /** Element access common to both kinds of array, so the child's code is written once. */
    interface Ints extends java.io.Serializable {
        int length();

        Object get(int i);

        void set(int i, Object value);

        List<Integer> toList();
    }

    /** CPython's {@code f}: running sums, in place. */
    private static void runningSums(Ints arr) {
        for (int i = 1; i < arr.length(); i++) {
            arr.set(i, (Integer) arr.get(i) + (Integer) arr.get(i - 1));
        }
    }

    private void checkArray(Ints arr) throws Exception {
        List<Integer> seq = new ArrayList<>(SEQ);
        assertEquals(seq.size(), arr.length());
        assertEquals(seq.get(3), arr.get(3));
        assertEquals(seq.subList(2, 7), arr.toList().subList(2, 7));
        for (int i = 4; i < 8; i++) {
            arr.set(i, i - 3);
            seq.set(i, i - 3);
        }
        assertEquals(seq, arr.toList());

        for (int i = 1; i < seq.size(); i++) {
            seq.set(i, seq.get(i) + seq.get(i - 1));
        }
        Process p = process(() -> runningSums(arr));
        p.setDaemon(true);
        p.start();
        join(p);
        assertEquals(0, p.exitCode());
        assertEquals(seq, arr.toList());
    }

    @Test
    void testArray() throws Exception {
        checkArray(ProcessesOrManager.adapt(Ints.class, new Array<>(Integer.class, SEQ)));
    }

    @Test
    void testRawarray() throws Exception {
        checkArray(ProcessesOrManager.adapt(Ints.class, new RawArray<>(Integer.class, SEQ)));
    }

    @Test
    void testArrayFromSize() {
        for (int round = 0; round < 3; round++) {
            Array<Integer> arr = new Array<>(int.class, 10);
            assertEquals(10, arr.length());
            assertEquals(Collections.nCopies(10, 0), arr.toList());
            for (int i = 0; i < 10; i++) {
                arr.set(i, i);
            }
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), arr.toList());
            arr.close();
        }
    }

    @Test
    @Deliberate("as for Value: lock=None is the constructor without a lock, lock=False is RawArray, whose "
            + "type has no getLock or getObj, and a null lock is refused with NullPointerException")
    void testGetobjGetlockObj() {
        List<Integer> range = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        Array<Integer> arr1 = new Array<>(int.class, range);
        assertEquals(range, arr1.getObj().toList());
        Lock lock = new Lock();
        Array<Integer> arr3 = new Array<>(int.class, range, lock);
        assertSame(lock, arr3.getLock());
        assertEquals(range, arr3.getObj().toList());
        assertThrows(NullPointerException.class, () -> new Array<>(int.class, range, null));
        assertEquals(range, new RawArray<>(int.class, range).toList());
    }
}
