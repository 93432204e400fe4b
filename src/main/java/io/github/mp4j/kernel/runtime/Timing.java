package io.github.mp4j.kernel.runtime;

import io.github.mp4j.display.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The measuring behind {@code %%compare} and {@code %timeit}: the kernel compiles the timed code
 * once, as lambdas, and calls these methods from the cell, so the loop runs on the cell's thread
 * (an interrupt stops it) and compilation is never timed. They need no kernel, and the last results
 * stay available to later cells.
 *
 * <pre>{@code
 * Comparison c = Timing.compare(5, new String[] {"sort", "parallel sort"},
 *         new Timing.Code[] {() -> Arrays.sort(data.clone()), () -> Arrays.parallelSort(data.clone())});
 * Timing.lastComparison() == c;   // true, until the next %%compare
 * }</pre>
 */
public final class Timing {

    /** Timed code: a statement block compiled from a cell. */
    @FunctionalInterface
    public interface Code {
        void run() throws Exception;
    }

    /** IPython's rule: grow the loop count by tens until one run takes at least this long. */
    static final long AUTO_RUN_NANOS = 200_000_000L;
    private static final int MAX_AUTO_POWER = 10;

    private static volatile Comparison lastComparison;
    private static volatile TimeitResult lastTimeit;
    /** Written by {@link #sink}, so the JIT cannot drop an expression whose value nobody uses. */
    @SuppressWarnings("unused")
    private static volatile Object sunk;

    private Timing() {}

    /**
     * Runs every section {@code repeat} times, interleaved (round one runs each section once, then
     * round two, ...) so that a change in machine load affects all of them alike, and returns the
     * wall time of each run.
     *
     * @throws IllegalArgumentException if {@code repeat < 1}, labels and sections differ in
     *                                  number, or a label is blank or repeated
     * @throws Exception                whatever a section throws; nothing is recorded then
     */
    public static Comparison compare(int repeat, String[] labels, Code[] sections) throws Exception {
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1, not " + repeat);
        }
        if (labels.length != sections.length) {
            throw new IllegalArgumentException(labels.length + " labels for " + sections.length + " sections");
        }
        List<List<Long>> samples = new ArrayList<>();
        for (int i = 0; i < sections.length; i++) {
            samples.add(new ArrayList<>());
        }
        for (int round = 0; round < repeat; round++) {
            for (int i = 0; i < sections.length; i++) {
                long start = System.nanoTime();
                sections[i].run();
                samples.get(i).add(System.nanoTime() - start);
            }
        }
        List<Comparison.Section> result = new ArrayList<>();
        for (int i = 0; i < sections.length; i++) {
            result.add(new Comparison.Section(labels[i], samples.get(i)));
        }
        Comparison c = new Comparison(result);
        lastComparison = c;
        return c;
    }

    /**
     * Times {@code code} as IPython's {@code %timeit} does: {@code runs} runs of {@code loops}
     * calls each; with {@code loops <= 0} the loop count is the first of 1, 10, 100, ... whose run
     * takes at least 0.2 s.
     *
     * @throws IllegalArgumentException if {@code runs < 1}
     * @throws Exception                whatever {@code code} throws
     */
    public static TimeitResult timeit(int loops, int runs, Code code) throws Exception {
        TimeitResult r = timeit(loops, runs, code, System::nanoTime);
        lastTimeit = r;
        return r;
    }

    static TimeitResult timeit(int loops, int runs, Code code, LongSupplier clock) throws Exception {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, not " + runs);
        }
        List<Long> totals = new ArrayList<>();
        if (loops <= 0) {
            loops = 1;
            for (int power = 0; power < MAX_AUTO_POWER; power++, loops *= 10) {
                long t = run(loops, code, clock);
                if (t >= AUTO_RUN_NANOS || power == MAX_AUTO_POWER - 1) {
                    totals.add(t); // the calibrating run counts as the first run, as in IPython
                    break;
                }
            }
        }
        while (totals.size() < runs) {
            totals.add(run(loops, code, clock));
        }
        return new TimeitResult(loops, totals);
    }

    private static long run(int loops, Code code, LongSupplier clock) throws Exception {
        long start = clock.getAsLong();
        for (int i = 0; i < loops; i++) {
            code.run();
        }
        return clock.getAsLong() - start;
    }

    /** Keeps {@code value} alive (the kernel wraps a timed expression in this call). */
    public static void sink(Object value) {
        sunk = value;
    }

    /** The result of the last {@code %%compare} (or {@link #compare}) in this JVM; null before. */
    public static Comparison lastComparison() {
        return lastComparison;
    }

    /** The result of the last {@code %timeit} (or {@link #timeit}) in this JVM; null before. */
    public static TimeitResult lastTimeit() {
        return lastTimeit;
    }
}
