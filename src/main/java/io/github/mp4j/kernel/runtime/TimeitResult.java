package io.github.mp4j.kernel.runtime;

import io.github.mp4j.display.TimeFormat;
import java.util.List;
import java.util.Locale;

/**
 * What {@code %timeit} measured: {@code loops} calls per run, and each run's total wall time in
 * nanoseconds. Its text is IPython's line:
 * {@code 1.23 ms ± 45.6 µs per loop (mean ± std. dev. of 7 runs, 100 loops each)}.
 */
public record TimeitResult(int loops, List<Long> runNanos) {

    public TimeitResult {
        runNanos = List.copyOf(runNanos);
        if (loops < 1 || runNanos.isEmpty()) {
            throw new IllegalArgumentException("need at least one loop and one run");
        }
    }

    /** The mean time of one call, over all runs. */
    public double mean() {
        return runNanos.stream().mapToDouble(t -> t / (double) loops).average().orElseThrow();
    }

    /** The population standard deviation of the per-call time of each run (as IPython computes it). */
    public double stdev() {
        double mean = mean();
        return Math.sqrt(runNanos.stream().mapToDouble(t -> Math.pow(t / (double) loops - mean, 2))
                .average().orElseThrow());
    }

    /** The per-call time of the fastest run. */
    public double best() {
        return runNanos.stream().mapToDouble(t -> t / (double) loops).min().orElseThrow();
    }

    @Override
    public String toString() {
        int runs = runNanos.size();
        return String.format(Locale.ROOT, "%s ± %s per loop (mean ± std. dev. of %d run%s, %,d loop%s each)",
                TimeFormat.nanos(mean()), TimeFormat.nanos(stdev()), runs, runs == 1 ? "" : "s",
                loops, loops == 1 ? "" : "s");
    }
}
