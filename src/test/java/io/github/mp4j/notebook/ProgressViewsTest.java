package io.github.mp4j.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.AsyncResult;
import io.github.mp4j.Pool;
import io.github.mp4j.Progress;
import io.github.mp4j.ThreadPool;
import io.github.mp4j.kernel.magics.MagicRegistry;
import io.github.mp4j.kernel.magics.ProgressMagic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The notebook's progress bars without a frontend: what {@link ProgressViews} shows and redraws,
 * recorded. Thread pools stand in for worker JVMs (the views see only the pools' progress).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProgressViewsTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    record Sent(boolean update, String id, ProgressViews.LiveProgress value) {}

    private final List<Sent> sent = new ArrayList<>();
    private final ProgressViews views = new ProgressViews(
            value -> record(false, null, value), (id, value) -> record(true, id, value));

    private void record(boolean update, String id, Object value) {
        synchronized (sent) {
            sent.add(new Sent(update, id, (ProgressViews.LiveProgress) value));
        }
    }

    private List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    @AfterEach
    void close() throws Exception {
        views.close();
        progressMagic().run("on");
    }

    private static io.github.mp4j.kernel.magics.LineMagic progressMagic() {
        MagicRegistry registry = new MagicRegistry();
        ProgressMagic.register(registry);
        return registry.line("progress");
    }

    @Test
    void aMapOverASecondGetsABarRedrawnInPlaceThatEndsAtItsTotal() throws Exception {
        try (Pool pool = new ThreadPool(1)) {
            views.cellStarted();
            List<Integer> result = pool.map(x -> { Thread.sleep(900); return x; }, List.of(1, 2), 1);
            assertEquals(List.of(1, 2), result);
            views.cellEnded();
        }
        List<Sent> all = sent();
        assertTrue(all.size() >= 2, all.toString());
        Sent shown = all.get(0);
        assertEquals(false, shown.update(), "first a new output: " + all);
        String id = shown.value().displayId();
        assertTrue(id.startsWith("mp4j-progress-"), id);
        assertTrue(!shown.value().progress().finished(), "shown after about a second, still running: " + all);
        for (Sent s : all.subList(1, all.size())) {
            assertTrue(s.update(), "then only redraws: " + all);
            assertEquals(id, s.id());
            assertEquals(id, s.value().displayId());
        }
        Progress last = all.get(all.size() - 1).value().progress();
        assertTrue(last.finished(), last.toString());
        assertEquals(2, last.done());
        // the cell is over: nothing more goes out
        Thread.sleep(2 * ProgressViews.INTERVAL_MILLIS);
        assertEquals(all.size(), sent().size());
    }

    @Test
    void aShortMapOrOneOutsideACellShowsNothing() throws Exception {
        try (Pool pool = new ThreadPool(1)) {
            views.cellStarted();
            pool.map(x -> { Thread.sleep(100); return x; }, List.of(1, 2), 1);
            Thread.sleep(ProgressViews.SHOW_AFTER_MILLIS + 300);
            views.cellEnded();
            AsyncResult<List<Integer>> idle = pool.mapAsync(x -> { Thread.sleep(700); return x; }, List.of(1, 2), 1);
            idle.get(BOUND);
        }
        assertEquals(List.of(), sent());
    }

    @Test
    void progressOffShowsNoBarUntilTurnedOn() throws Exception {
        io.github.mp4j.kernel.magics.LineMagic magic = progressMagic();
        magic.run("off");
        assertEquals(false, ProgressMagic.showing());
        try (Pool pool = new ThreadPool(1)) {
            views.cellStarted();
            pool.map(x -> { Thread.sleep(700); return x; }, List.of(1, 2), 1);
            views.cellEnded();
        }
        assertEquals(List.of(), sent());
        assertThrows(IllegalArgumentException.class, () -> magic.run("maybe"));
        magic.run("on");
        assertTrue(ProgressMagic.showing());
    }

    @Test
    void aBarRedrawnAfterTheCellWasLastSeenIsRedrawnInTheNextCell() throws Exception {
        try (Pool pool = new ThreadPool(1)) {
            views.cellStarted();
            long before = System.nanoTime();
            pool.map(x -> { Thread.sleep(700); return x; }, List.of(1, 2), 1);
            views.cellLeft(before); // the host saw the cell running only before the bar appeared
            int shownInCell = sent().size();
            assertTrue(shownInCell >= 1, sent().toString());
            views.cellStarted();
            List<Sent> all = sent();
            assertEquals(shownInCell + 1, all.size(), all.toString());
            Progress resent = all.get(all.size() - 1).value().progress();
            assertTrue(resent.finished() && resent.done() == 2, resent.toString());
            views.cellEnded();
            views.cellStarted();
            assertEquals(all.size(), sent().size(), "a finished bar, once shown, is done with");
            views.cellEnded();
        }
    }
}
