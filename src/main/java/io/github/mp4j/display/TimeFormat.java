package io.github.mp4j.display;

import java.time.Duration;
import java.util.Locale;

/**
 * Durations as people read them in timing tables: three significant digits and the largest unit
 * that keeps the number at least 1, as IPython's {@code %timeit} prints them.
 *
 * <pre>{@code
 * TimeFormat.nanos(1_234_567)   // "1.23 ms"
 * TimeFormat.nanos(950)         // "950 ns"
 * }</pre>
 */
public final class TimeFormat {

    private static final String[] UNITS = {"ns", "µs", "ms", "s"};

    private TimeFormat() {}

    /** {@code nanos} nanoseconds, e.g. {@code "12.3 µs"}; fractions of a nanosecond are kept. */
    public static String nanos(double nanos) {
        if (Double.isNaN(nanos) || Double.isInfinite(nanos)) {
            return String.valueOf(nanos);
        }
        double value = nanos;
        int unit = 0;
        while (unit < UNITS.length - 1 && Math.abs(value) >= 1000) {
            value /= 1000;
            unit++;
        }
        String digits = Math.abs(value) >= 100 ? "%.0f" : Math.abs(value) >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, digits, value) + " " + UNITS[unit];
    }

    /** A duration people watch pass, e.g. {@code "2.40 s"}, {@code "3 min 05 s"}, {@code "1 h 02 min"}. */
    public static String clock(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
        }
        return s < 3600 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d h %02d min", s / 3600, s / 60 % 60);
    }
}
