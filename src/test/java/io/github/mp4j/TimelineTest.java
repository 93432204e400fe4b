package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@link Pool#timeline()} and its picture, with real worker JVMs. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TimelineTest {

    @Test
    void everyChunkIsASpanInItsWorkersRowFromItsStartToItsEnd() throws Exception {
        Set<Long> pids;
        Timeline timeline;
        try (Pool pool = Pool.builder().processes(2).name("stream").build()) {
            pids = pool.state().workers().stream().map(PoolState.Worker::pid).collect(Collectors.toSet());
            pool.map(x -> { Thread.sleep(50); return x; }, IntStream.range(0, 12).boxed().toList(), 3);
            timeline = pool.timeline();
            pids = pool.state().workers().stream().map(PoolState.Worker::pid).collect(Collectors.toSet());
        }
        assertEquals("stream", timeline.title());
        assertEquals(4, timeline.spans().size(), timeline.toString());
        Map<String, List<Timeline.Span>> rows = timeline.rows();
        assertTrue(rows.size() >= 1 && rows.size() <= 2, rows.keySet().toString());
        for (Timeline.Span s : timeline.spans()) {
            assertTrue(pids.contains(s.pid()), s + " in " + pids);
            assertTrue(s.task().matches("map #1 chunk [1-4]/4"), s.task());
            // a chunk of three 50 ms items: measured from when its worker could start it
            assertTrue(s.duration().toMillis() >= 140, s.toString());
            assertFalse(s.failed());
        }
        for (List<Timeline.Span> row : rows.values()) {
            for (int i = 1; i < row.size(); i++) {
                assertFalse(row.get(i).start().isBefore(row.get(i - 1).end()), "a worker runs one at a time: " + row);
            }
        }
        assertTrue(timeline.toString().startsWith("stream: 4 tasks on "), timeline.toString());
    }

    @Test
    void failuresAndLostWorkersAreMarked() throws Exception {
        try (Pool pool = new Pool(1)) {
            assertThrows(ArithmeticException.class, () -> pool.apply(() -> 1 / 0));
            assertThrows(WorkerLostError.class, () -> pool.apply(() -> { System.exit(3); return 0; }));
            pool.apply(() -> 2);
            Timeline timeline = pool.timeline();
            List<Timeline.Span> spans = timeline.rows().values().stream().flatMap(List::stream).toList();
            assertEquals(List.of(true, true, false), spans.stream().map(Timeline.Span::failed).toList());
            assertEquals(2, timeline.rows().size(), "the lost worker's replacement has a row of its own");
            assertTrue(timeline.toString().endsWith(", 2 failed"), timeline.toString());
            String svg = timeline.toSvg();
            assertEquals(2, count(svg, "class=\"failed\""), svg);
        }
    }

    @Test
    void onlyTheLastSpansAreKept() throws Exception {
        try (TemporaryProperty capacity = TemporaryProperty.set("mp4j.pool.timelineSpans", "70");
             ThreadPool pool = new ThreadPool(2)) {
            pool.map(x -> x, IntStream.range(0, 50).boxed().toList(), 1);
            assertEquals(50, pool.timeline().spans().size(), "all, while under the bound");
            pool.map(x -> x, IntStream.range(0, 50).boxed().toList(), 1);
            List<Timeline.Span> spans = pool.timeline().spans();
            assertEquals(70, spans.size(), "no more than the last seventy answered");
            assertEquals(70, spans.stream().map(Timeline.Span::task).distinct().count());
            assertEquals(50, spans.stream().filter(s -> s.task().startsWith("map #2 ")).count(), "the newest kept");
            for (int i = 1; i < spans.size(); i++) {
                assertTrue(!spans.get(i).end().isBefore(spans.get(i - 1).end()), "oldest first: " + spans);
            }
        }
    }

    @Test
    void theSvgIsWellFormedWithARowPerWorkerABarPerSpanAndAnAxis() throws Exception {
        Instant t0 = Instant.parse("2026-12-07T12:00:00Z");
        List<Timeline.Span> spans = List.of(
                new Timeline.Span("w1", 101L, "task <1>", t0, t0.plusMillis(400), false),
                new Timeline.Span("w2", 102L, "task 2", t0.plusMillis(100), t0.plusMillis(300), true),
                new Timeline.Span("w1", 101L, "task 3", t0.plusMillis(600), t0.plusMillis(1000), false));
        Timeline timeline = new Timeline("two workers", spans);
        assertEquals(Duration.ofSeconds(1), timeline.duration());
        Document svg = parse(timeline.toSvg());
        Element root = svg.getDocumentElement();
        assertEquals("svg", root.getTagName());
        assertEquals("mp4j-timeline", root.getAttribute("class"));
        assertEquals(0, svg.getElementsByTagName("script").getLength());
        NodeList bars = svg.getElementsByTagName("rect");
        assertEquals(3, bars.getLength());
        Element first = (Element) bars.item(0);
        Element third = (Element) bars.item(1);   // w1's row first: its spans in start order
        assertEquals("130.0", first.getAttribute("x"));
        assertEquals("247.0", first.getAttribute("width"), "400 ms of 1 s over 620 px, less a pixel between bars");
        assertEquals("502.0", third.getAttribute("x"), "the gap from 400 to 600 ms stays empty");
        assertEquals(first.getAttribute("y"), third.getAttribute("y"), "one row per worker");
        Element failed = (Element) bars.item(2);
        assertEquals("failed", failed.getAttribute("class"));
        assertTrue(failed.getTextContent().contains("task 2 on w2 (pid 102): failed after 200 ms"), failed.getTextContent());
        assertTrue(first.getTextContent().contains("task <1>"), "escaped and read back: " + first.getTextContent());
        String text = svg.getDocumentElement().getTextContent();
        assertTrue(text.contains("pid 101") && text.contains("pid 102") && text.contains("1.00 s"), text);

        Document empty = parse(new Timeline("idle", List.of()).toSvg());
        assertTrue(empty.getDocumentElement().getTextContent().contains("no tasks recorded"));
        assertThrows(IllegalArgumentException.class,
                () -> new Timeline.Span("w", null, "t", t0.plusMillis(1), t0, false));
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
