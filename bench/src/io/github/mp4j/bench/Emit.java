package io.github.mp4j.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints one benchmark figure as one JSON object on stdout, with the same fields as the Python
 * anchors ({@code bench, impl, unit, median, min, max, runs}), then the feature version of the JDK
 * that measured it ({@code java}) and extra fields.
 */
final class Emit {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Emit() {}

    /**
     * @param extra alternating field names and values, appended after the standard fields
     */
    static void emit(String bench, String unit, List<Double> samples, Object... extra) {
        emitAs("mp4j", bench, unit, samples, extra);
    }

    static void emitAs(String impl, String bench, String unit, List<Double> samples, Object... extra) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples for " + bench);
        }
        if (extra.length % 2 != 0) {
            throw new IllegalArgumentException("extra fields must come in name/value pairs");
        }
        double[] s = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("bench", bench);
        rec.put("impl", impl);
        rec.put("unit", unit);
        rec.put("median", median(s));
        rec.put("min", s[0]);
        rec.put("max", s[s.length - 1]);
        rec.put("runs", s.length);
        rec.put("java", Runtime.version().feature()); // bench/run.sh may run the same figures on several JDKs
        for (int i = 0; i < extra.length; i += 2) {
            rec.put((String) extra[i], extra[i + 1]);
        }
        try {
            System.out.println(JSON.writeValueAsString(rec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        System.out.flush();
    }

    /** Like Python's statistics.median: the mean of the two middle values for an even count. */
    static double median(double[] sorted) {
        double[] s = sorted.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }

    /** A line on stderr (progress and diagnostics; stdout carries only JSON). */
    static void note(String message) {
        System.err.println("[bench] " + message);
    }
}
