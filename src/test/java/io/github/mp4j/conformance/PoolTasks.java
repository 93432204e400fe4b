package io.github.mp4j.conformance;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** The module-level helpers of CPython's pool tests ({@code sqr}, {@code exception_throwing_generator}). */
final class PoolTasks {

    private PoolTasks() {
    }

    /** CPython's {@code sqr(x, wait)}. */
    static int sqr(int x, long waitMillis) throws InterruptedException {
        Thread.sleep(waitMillis);
        return x * x;
    }

    static int sqr(int x) {
        return x * x;
    }

    /** CPython's {@code SayWhenError}, a {@code ValueError}. */
    static final class SayWhenError extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        SayWhenError() {
            super("Somebody said when");
        }
    }

    /** CPython's {@code exception_throwing_generator(total, when)}: 0, 1, ... and SayWhenError at {@code when}. */
    static Iterable<Integer> sayWhen(int total, int when) {
        return () -> new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                if (when == -1 || i == when) {
                    throw new SayWhenError();
                }
                return i < total;
            }

            @Override
            public Integer next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return i++;
            }
        };
    }
}
