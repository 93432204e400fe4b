package io.github.mp4j.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.PoolState;
import io.github.mp4j.Progress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A map's progress as static HTML, alone and in the pool table. */
class ProgressBarTest {

    private final Progress running = new Progress("Pool-1", "map #<2>", 200, 50, 10, Duration.ofSeconds(3), false);

    @Test
    void theBarIsAnInlineSvgWithItsFiguresAndNoScript() {
        String html = ProgressBar.html(running);
        assertTrue(html.startsWith("<div class=\"mp4j-progress\"><svg"), html);
        assertTrue(html.contains("<rect width=\"60.0\" height=\"14\" fill=\"#3a86ff\"/>"), "50 of 200 done over 240 px: " + html);
        assertTrue(html.contains("<rect x=\"60.0\" width=\"12.0\" height=\"14\" fill=\"#e63946\"/>"), "10 failed: " + html);
        assertTrue(html.contains("<b>map #&lt;2&gt;</b> 60/200 (30%), 10 failed, 20.0/s, elapsed 3.00 s, ETA 7.00 s"), html);
        assertFalse(html.contains("<script"), html);

        Progress done = new Progress("Pool-1", "map #2", 4, 4, 0, Duration.ofMillis(1500), true);
        assertTrue(ProgressBar.html(done).contains("4/4 (100%), 2.7/s, elapsed 1.50 s, done"), ProgressBar.html(done));
        assertTrue(ProgressBar.html(done).contains("fill=\"#2a9d8f\""), "finished: green");
    }

    @Test
    void thePoolTableShowsEachRunningMapAboveItsWorkers() {
        PoolState state = new PoolState("Pool-1", "process", PoolState.Status.RUNNING, 1,
                List.of(new PoolState.Worker("w1", 11L, PoolState.WorkerState.BUSY, "map #2 chunk 1/8", 0, 0,
                        Instant.parse("2026-01-01T00:00:00Z"), null)), 3, 0, 0, PoolState.Settings.DEFAULT, List.of(running));
        String html = PoolTable.html(state);
        int bar = html.indexOf("class=\"mp4j-progress\"");
        assertTrue(bar > 0 && bar < html.indexOf("<table"), html);
        assertTrue(state.toString().contains("\n  map #<2> [#########.....................] 60/200 (10 failed)"), state.toString());
        assertEquals(List.of(), new PoolState("p", "process", PoolState.Status.RUNNING, 1, List.of(), 0, 0, 0).jobs());
    }
}
