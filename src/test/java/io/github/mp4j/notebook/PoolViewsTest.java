package io.github.mp4j.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.Eventually;
import io.github.mp4j.Pool;
import io.github.mp4j.PoolState;
import io.github.mp4j.ThreadPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The live pool tables without a frontend: what {@link PoolViews} would send, recorded. Thread
 * pools stand in for worker JVMs (the views see only {@link Pool}'s state and listener).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PoolViewsTest {

    record Sent(String id, PoolState state, long nanos) {}

    private final List<Sent> sent = new ArrayList<>();
    private final PoolViews views = new PoolViews((id, state) -> {
        synchronized (sent) {
            sent.add(new Sent(id, state, System.nanoTime()));
        }
    });

    @AfterEach
    void close() {
        views.close();
    }

    private List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    @Test
    void theFinalStateGoesOutWhenTheCellEndsAndOnlyIfItChanged() throws Exception {
        try (Pool pool = new ThreadPool(2)) {
            views.cellStarted();
            String id = views.track(pool, pool.state(), null);
            assertTrue(views.shownInCell(pool));
            assertTrue(views.follows(pool));
            assertEquals(List.of(1, 4, 9), pool.map(x -> x * x, List.of(1, 2, 3)));
            // map returns once its results are in; the workers report themselves idle just after
            awaitIdle(pool, 3);
            views.cellEnded();
            List<Sent> updates = sent();
            assertFalse(updates.isEmpty());
            Sent last = updates.get(updates.size() - 1);
            assertEquals(id, last.id());
            assertEquals(pool.state(), last.state());
            assertEquals(3, last.state().completed());

            views.cellStarted();
            assertFalse(views.shownInCell(pool), "a new cell has shown nothing yet");
            views.cellEnded();
            assertEquals(updates.size(), sent().size(), "nothing changed, nothing sent");
        }
    }

    @Test
    void nothingIsSentWhileNoCellRunsAndTheNextCellCatchesUp() throws Exception {
        try (Pool pool = new ThreadPool(1)) {
            views.cellStarted();
            String id = views.track(pool, pool.state(), null);
            views.cellEnded();
            int before = sent().size();
            pool.apply(() -> 7);
            awaitCompleted(pool, 1);
            Thread.sleep(3 * PoolViews.MIN_INTERVAL_MILLIS); // time for an update that must not come
            assertEquals(before, sent().size(), "sent while no cell ran");

            views.cellStarted(); // the change made while idle goes out in the next cell, unasked
            Eventually.holds(Duration.ofSeconds(30), Duration.ofMillis(10), () -> sent().size() != before);
            Sent caughtUp = sent().get(sent().size() - 1);
            assertEquals(id, caughtUp.id());
            assertEquals(1, caughtUp.state().completed());
            views.cellEnded();
        }
    }

    /** A host that learns of a cell's end only afterwards (JJava, IJava) calls cellLeft. */
    @Test
    void anUpdateThatMayHaveMissedTheCellIsSentAgainWhenTheNextCellStarts() throws Exception {
        try (Pool pool = new ThreadPool(1)) {
            views.cellStarted();
            String id = views.track(pool, pool.state(), null);
            pool.apply(() -> 7);
            awaitCompleted(pool, 1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (sent().stream().noneMatch(s -> s.state().completed() == 1) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Sent lastSent = sent().get(sent().size() - 1);
            assertEquals(1, lastSent.state().completed());

            views.cellLeft(lastSent.nanos() - 1); // the cell was last seen running before that update
            int before = sent().size();
            views.cellStarted();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (sent().size() == before && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(before + 1, sent().size(), "the same state once more");
            assertEquals(id, sent().get(before).id());
            assertEquals(lastSent.state(), sent().get(before).state());

            views.cellLeft(System.nanoTime()); // seen running after every update: nothing was lost
            views.cellStarted();
            Thread.sleep(3 * PoolViews.MIN_INTERVAL_MILLIS); // time for an update that must not come
            assertEquals(before + 1, sent().size(), "sent although the frontend had it");
        }
    }

    @Test
    void updatesWhileACellRunsAreSpacedByTheInterval() throws Exception {
        try (Pool pool = new ThreadPool(2)) {
            views.cellStarted();
            views.track(pool, pool.state(), null);
            long start = System.nanoTime();
            // hundreds of state changes over about a second
            pool.map(x -> {
                Thread.sleep(5);
                return x;
            }, IntStream.range(0, 400).boxed().toList(), 1);
            long elapsed = System.nanoTime() - start;
            views.cellEnded();
            List<Sent> updates = sent();
            assertTrue(updates.size() >= 2, "no update while the map ran: " + updates.size());
            // every update but the final one at the cell's end waited for the interval
            for (int i = 1; i < updates.size() - 1; i++) {
                long gap = updates.get(i).nanos() - updates.get(i - 1).nanos();
                assertTrue(gap >= TimeUnit.MILLISECONDS.toNanos(PoolViews.MIN_INTERVAL_MILLIS) - TimeUnit.MILLISECONDS.toNanos(5),
                        "updates " + (i - 1) + " and " + i + " only " + gap / 1_000_000 + " ms apart");
            }
            assertTrue(updates.size() <= elapsed / TimeUnit.MILLISECONDS.toNanos(PoolViews.MIN_INTERVAL_MILLIS) + 3,
                    updates.size() + " updates in " + elapsed / 1_000_000 + " ms");
        }
    }

    @Test
    void aFinishedPoolShowsItsLastStateAndIsForgotten() throws Exception {
        Pool pool = new ThreadPool(2);
        views.cellStarted();
        String id = views.track(pool, pool.state(), null);
        pool.close();
        views.cellEnded();
        Sent last = sent().get(sent().size() - 1);
        assertEquals(PoolState.Status.CLOSED, last.state().status());
        assertEquals(0, last.state().count(PoolState.WorkerState.IDLE) + last.state().count(PoolState.WorkerState.BUSY));
        assertFalse(views.follows(pool));
        int count = sent().size();
        try (Pool other = new ThreadPool(1)) { // keeps the views busy
            views.cellStarted();
            views.track(other, other.state(), "other");
            other.apply(() -> 1);
            views.cellEnded();
        }
        assertTrue(sent().stream().skip(count).anyMatch(s -> s.id().equals("other")));
        assertTrue(sent().stream().skip(count).noneMatch(s -> s.id().equals(id)), "a finished pool was updated again");
    }

    @Test
    void everyIdAPoolIsShownUnderIsUpdated() throws Exception {
        try (Pool pool = new ThreadPool(1)) {
            views.cellStarted();
            String own = views.track(pool, pool.state(), null);
            assertEquals("mine", views.track(pool, pool.state(), "mine"));
            assertNotEquals(own, "mine");
            pool.apply(() -> 1);
            views.cellEnded();
            List<String> ids = sent().stream().filter(s -> s.state().completed() == 1).map(Sent::id).toList();
            assertTrue(ids.containsAll(List.of(own, "mine")), ids.toString());
        }
    }

    private static void awaitIdle(Pool pool, long completed) throws InterruptedException {
        Eventually.holds(Duration.ofSeconds(30), Duration.ofMillis(10), () -> {
            io.github.mp4j.PoolState state = pool.state();
            return state.completed() >= completed
                    && state.count(io.github.mp4j.PoolState.WorkerState.IDLE) == state.processes();
        });
    }

    private static void awaitCompleted(Pool pool, long completed) throws InterruptedException {
        Eventually.holds(Duration.ofSeconds(30), Duration.ofMillis(10), () -> pool.state().completed() >= completed);
    }
}
