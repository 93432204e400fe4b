package io.github.mp4j.display;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * Timings of labeled pieces of code, measured side by side: what the kernel's {@code %%compare}
 * produces and shows as a table with a bar chart. It holds the raw samples, so later code can
 * compute with them or save them as JSON.
 *
 * <pre>{@code
 * Comparison c = new Comparison(List.of(
 *         new Comparison.Section("pool", List.of(120_000_000L, 118_000_000L)),
 *         new Comparison.Section("100 processes", List.of(2_400_000_000L, 2_300_000_000L))));
 * c.fastest().label();          // "pool"
 * c.ratio(c.section("100 processes"));   // about 19.7
 * String html = c.toHtml();     // static table + SVG, no JavaScript
 * String json = c.toJson();
 * }</pre>
 *
 * <p>Statistics use the samples of each section: minimum, median (the mean of the middle two for
 * an even count) and maximum. The ratio of a section is its median over the fastest median.
 *
 * <p>Only {@link #toJson()} and {@link #fromJson(String)} need a library beside mp4j's jar:
 * Jackson ({@code com.fasterxml.jackson.core:jackson-databind}, an optional dependency of mp4j).
 */
public final class Comparison {

    /** One labeled piece of code and the wall time of each of its runs, in nanoseconds. */
    public record Section(String label, List<Long> nanos) {
        /**
         * @throws IllegalArgumentException if the label is blank, there are no samples, or one is negative
         */
        public Section {
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("a section needs a label");
            }
            nanos = List.copyOf(nanos);
            if (nanos.isEmpty()) {
                throw new IllegalArgumentException("section '" + label + "' has no samples");
            }
            if (nanos.stream().anyMatch(n -> n < 0)) {
                throw new IllegalArgumentException("section '" + label + "' has a negative sample");
            }
        }

        public long min() {
            return nanos.stream().mapToLong(Long::longValue).min().orElseThrow();
        }

        public long max() {
            return nanos.stream().mapToLong(Long::longValue).max().orElseThrow();
        }

        public double median() {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            int mid = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + (double) sorted[mid]) / 2;
        }
    }

    private final List<Section> sections;

    /**
     * @throws IllegalArgumentException if there are no sections or two share a label
     */
    public Comparison(List<Section> sections) {
        this.sections = List.copyOf(sections);
        if (this.sections.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare");
        }
        var seen = new HashSet<String>();
        for (Section s : this.sections) {
            if (!seen.add(s.label())) {
                throw new IllegalArgumentException("two sections are labeled '" + s.label() + "'");
            }
        }
    }

    /** The sections in the order they were given. */
    public List<Section> sections() {
        return sections;
    }

    /**
     * The section labeled {@code label}.
     *
     * @throws IllegalArgumentException if there is none
     */
    public Section section(String label) {
        return sections.stream().filter(s -> s.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no section labeled '" + label + "'"));
    }

    /** The section with the smallest median (the first of equals). */
    public Section fastest() {
        Section best = sections.get(0);
        for (Section s : sections) {
            if (s.median() < best.median()) {
                best = s;
            }
        }
        return best;
    }

    /** {@code s}'s median over the fastest median: 1 for the fastest; infinite if that median is 0. */
    public double ratio(Section s) {
        double fastest = fastest().median();
        return fastest == 0 ? (s.median() == 0 ? 1 : Double.POSITIVE_INFINITY) : s.median() / fastest;
    }

    /** The table and bar chart as static HTML with inline SVG. */
    public String toHtml() {
        return ComparisonChart.html(this);
    }

    /**
     * The numbers as JSON: {@code {"unit":"ns","sections":[{"label":..,"samples":[..],"min":..,
     * "median":..,"max":..,"ratio":..}, ...]}}.
     *
     * @throws IllegalStateException if Jackson is not on the class path
     */
    public String toJson() {
        requireJackson();
        return ComparisonJson.write(this);
    }

    /**
     * Reads what {@link #toJson()} wrote (only labels and samples are needed).
     *
     * @throws IllegalArgumentException if {@code json} is not such a document
     * @throws IllegalStateException if Jackson is not on the class path
     */
    public static Comparison fromJson(String json) {
        requireJackson();
        return ComparisonJson.read(json);
    }

    /**
     * Jackson is optional (issue 18): without it, say what to add instead of failing with
     * NoClassDefFoundError. Only {@link ComparisonJson} names Jackson's types, so this class loads
     * and works without them.
     */
    private static void requireJackson() {
        try {
            Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, Comparison.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Comparison's JSON needs Jackson on the class path:"
                    + " com.fasterxml.jackson.core:jackson-databind (mp4j's kernel jar includes it)");
        }
    }

    /** The table as aligned text (the notebook's {@code text/plain} form). */
    @Override
    public String toString() {
        int width = Math.max("section".length(), sections.stream().mapToInt(s -> s.label().length()).max().orElse(0));
        String row = "%-" + width + "s %5s %10s %10s %10s %8s%n";
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, row, "section", "runs", "min", "median", "max", "ratio"));
        for (Section s : sections) {
            b.append(String.format(Locale.ROOT, row, s.label(), s.nanos().size(), TimeFormat.nanos(s.min()),
                    TimeFormat.nanos(s.median()), TimeFormat.nanos(s.max()), ratioText(ratio(s))));
        }
        return b.toString().stripTrailing();
    }

    static String ratioText(double ratio) {
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }
}
