package io.github.mp4j.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.Process;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlTableTest {

    @Test
    void cellsAreEscapedAndRowsMustMatchTheHeader() {
        String html = new HtmlTable("a", "b").row("<script>", "x & 'y'").toHtml();
        assertTrue(html.contains("<td>&lt;script&gt;</td><td>x &amp; &#39;y&#39;</td>"), html);
        assertTrue(html.startsWith("<table") && html.endsWith("</table>"), html);
        assertThrows(IllegalArgumentException.class, () -> new HtmlTable("a").row(1, 2));
    }

    @Test
    void processesShowTheirLifecycle() throws Exception {
        Process p = new Process("shown", () -> {});
        assertTrue(ProcessTable.html(List.of(p)).contains("<td>shown</td><td></td><td>initial</td>"));
        p.start();
        p.join(Duration.ofSeconds(30));
        String html = ProcessTable.html(List.of(p));
        assertTrue(html.contains("<td>shown</td><td>" + p.pid() + "</td><td>stopped</td><td>0</td><td>false</td>"), html);
        assertEquals(0, p.exitCode());
    }

    @Test
    void poolStateShowsWorkersQueueAndTotals() {
        java.time.Instant start = java.time.Instant.parse("2026-01-01T00:00:00Z");
        io.github.mp4j.PoolState state = new io.github.mp4j.PoolState("Pool-<1>", "process",
                io.github.mp4j.PoolState.Status.RUNNING, 2, List.of(
                new io.github.mp4j.PoolState.Worker("w1", 11L, io.github.mp4j.PoolState.WorkerState.BUSY,
                        "map #1 chunk 2/8", 3, 1, start, null),
                new io.github.mp4j.PoolState.Worker("w0", 10L, io.github.mp4j.PoolState.WorkerState.EXITED,
                        null, 5, 0, start, -9)), 4, 7, 1);
        String html = PoolTable.html(state, start.plusSeconds(75));
        assertTrue(html.contains("<b>Pool-&lt;1&gt;</b>"), html);
        assertTrue(html.contains("queued 4, completed 7, failed 1"), html);
        assertTrue(html.contains("<td>w1</td><td>11</td><td>busy</td><td>map #1 chunk 2/8</td><td>3</td><td>1</td><td>1 min 15 s</td><td></td>"), html);
        assertTrue(html.contains("<td>w0</td><td>10</td><td>exited</td><td></td><td>5</td><td>0</td><td></td><td>-9</td>"), html);
        assertTrue(!html.contains("<script"), "static HTML only");
    }
}
