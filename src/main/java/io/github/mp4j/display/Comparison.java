package io.github.mp4j.display;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
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
 */
public final class Comparison {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One labeled piece of code and the wall time of each of its runs, in nanoseconds.
     *
     * @throws IllegalArgumentException if the label is blank, there are no samples, or one is negative
     */
    public record Section(String label, List<Long> nanos) {
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
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode().put("unit", "ns");
        ArrayNode list = root.putArray("sections");
        for (Section s : sections) {
            ObjectNode o = list.addObject().put("label", s.label());
            s.nanos().forEach(o.putArray("samples")::add);
            o.put("min", s.min()).put("median", s.median()).put("max", s.max()).put("ratio", ratio(s));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of plain values always serializes
        }
    }

    /**
     * Reads what {@link #toJson()} wrote (only labels and samples are needed).
     *
     * @throws IllegalArgumentException if {@code json} is not such a document
     */
    public static Comparison fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<Section> sections = new ArrayList<>();
            for (JsonNode s : root.path("sections")) {
                List<Long> samples = new ArrayList<>();
                s.path("samples").forEach(n -> samples.add(n.asLong()));
                sections.add(new Section(s.path("label").asText(), samples));
            }
            return new Comparison(sections);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a comparison: " + e.getOriginalMessage(), e);
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
