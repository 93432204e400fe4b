package io.github.mp4j.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private final Comparison c = new Comparison(List.of(
            new Comparison.Section("100 processes", List.of(4_000_000L, 2_000_000L, 3_000_000L, 9_000_000L)),
            new Comparison.Section("pool <4>", List.of(1_000_000L, 1_500_000L, 500_000L))));

    @Test
    void statisticsAndRatioToTheFastestMedian() {
        Comparison.Section processes = c.section("100 processes");
        assertEquals(2_000_000L, processes.min());
        assertEquals(9_000_000L, processes.max());
        assertEquals(3_500_000.0, processes.median());        // even count: mean of the middle two
        assertEquals(1_000_000.0, c.section("pool <4>").median());
        assertEquals("pool <4>", c.fastest().label());
        assertEquals(3.5, c.ratio(processes), 1e-9);
        assertEquals(1.0, c.ratio(c.fastest()), 1e-9);
    }

    @Test
    void htmlIsAStaticTableAndSvgChartWithEscapedLabels() {
        String html = c.toHtml();
        assertTrue(html.contains("<table"), html);
        assertTrue(html.contains("<th>median</th>") && html.contains("<th>ratio</th>"), html);
        assertTrue(html.contains("<td>pool &lt;4&gt;</td><td>3</td><td>500 µs</td><td>1.00 ms</td><td>1.50 ms</td><td>1.00×</td>"), html);
        assertTrue(html.contains("<td>3.50×</td>"), html);
        assertTrue(html.contains("<svg") && html.contains("</svg>"), html);
        assertEquals(2, html.split("<rect ", -1).length - 1, "one bar per section");
        assertFalse(html.contains("<script") || html.contains("pool <4>"), html);
        String text = c.toString();
        assertTrue(text.lines().anyMatch(l -> l.startsWith("100 processes") && l.contains("3.50 ms") && l.endsWith("3.50×")), text);
    }

    @Test
    void jsonHoldsTheSamplesAndStatisticsAndReadsBack() throws Exception {
        JsonNode root = new ObjectMapper().readTree(c.toJson());
        assertEquals("ns", root.get("unit").asText());
        JsonNode first = root.get("sections").get(0);
        assertEquals("100 processes", first.get("label").asText());
        assertEquals(4, first.get("samples").size());
        assertEquals(3.5, first.get("ratio").asDouble(), 1e-9);
        Comparison back = Comparison.fromJson(c.toJson());
        assertEquals(c.sections(), back.sections());
        assertThrows(IllegalArgumentException.class, () -> Comparison.fromJson("{nope"));
    }

    @Test
    void badInputIsRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> new Comparison(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Comparison.Section(" ", List.of(1L)));
        assertThrows(IllegalArgumentException.class, () -> new Comparison.Section("a", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Comparison.Section("a", List.of(-1L)));
        var a = new Comparison.Section("a", List.of(1L));
        assertThrows(IllegalArgumentException.class, () -> new Comparison(List.of(a, a)));
        assertThrows(IllegalArgumentException.class, () -> c.section("missing"));
    }

    @Test
    void durationsReadLikeIpython() {
        assertEquals("950 ns", TimeFormat.nanos(950));
        assertEquals("1.23 ms", TimeFormat.nanos(1_234_567));
        assertEquals("12.3 µs", TimeFormat.nanos(12_345));
        assertEquals("2.50 s", TimeFormat.nanos(2_500_000_000L));
        assertEquals("0.50 ns", TimeFormat.nanos(0.5));
    }
}
