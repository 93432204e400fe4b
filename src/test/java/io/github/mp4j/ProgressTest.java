package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A pool's progress reports for plain programs: {@link ProgressListener}, {@link Progress}, {@link PoolState#jobs()}. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProgressTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void aListenerHearsAMapFromSubmissionToItsLastItemBeforeTheResultIsReady() throws Exception {
        List<Progress> heard = new CopyOnWriteArrayList<>();
        try (Pool pool = Pool.builder().processes(2).name("counted").progress(heard::add).build()) {
            List<Integer> squares = pool.map(x -> { Thread.sleep(60); return x * x; }, range(20), 1);
            assertEquals(361, squares.get(19));
            // the last call came before map returned
            Progress last = heard.get(heard.size() - 1);
            assertTrue(last.finished(), heard.toString());
            assertEquals(new Progress("counted", "map #1", 20, 20, 0, last.elapsed(), true), last);
            assertEquals(Duration.ZERO, last.eta());
            assertTrue(last.toString().contains("20/20"), last.toString());
            Progress first = heard.get(0);
            assertEquals(0, first.ended());
            assertFalse(first.finished());
            assertNull(first.eta(), "no rate before the first item ends");
            for (int i = 1; i < heard.size(); i++) {
                assertTrue(heard.get(i).ended() >= heard.get(i - 1).ended(), "in order: " + heard);
                assertTrue(heard.get(i).elapsed().compareTo(heard.get(i - 1).elapsed()) >= 0, "in order: " + heard);
            }
            // throttled: 20 items of 60 ms on 2 workers take ~600 ms, so a handful of calls, not 21
            assertTrue(heard.size() < 20, heard.size() + " calls: " + heard);
            assertTrue(last.rate() > 0);
            assertTrue(last.elapsed().toMillis() >= 500, last.toString());
        }
    }

    @Test
    void failuresCountEveryItemOfTheirChunkAndTheEndStillComes() throws Exception {
        List<Progress> heard = new CopyOnWriteArrayList<>();
        try (Pool pool = new Pool(2)) {
            pool.addProgressListener(heard::add);
            AsyncResult<List<Integer>> result = pool.mapAsync(x -> {
                if (x >= 6) {
                    throw new IllegalStateException("no " + x);
                }
                return x;
            }, range(10), 2);
            assertThrows(IllegalStateException.class, () -> result.get(BOUND));
            Progress last = heard.get(heard.size() - 1);
            assertTrue(last.finished());
            assertEquals(6, last.done());
            assertEquals(4, last.failed());
            assertTrue(last.toString().contains("10/10 (4 failed)"), last.toString());
        }
    }

    @Test
    void imapStarmapAndTheExecutorsMapReportTooButApplyDoesNot() throws Exception {
        List<Progress> heard = new CopyOnWriteArrayList<>();
        try (Pool pool = Pool.builder().processes(2).progress(heard::add).build()) {
            pool.apply(() -> 1);
            assertEquals(List.of(), heard, "apply is not a map");
            List<Integer> unordered = new ArrayList<>();
            pool.<Integer, Integer>imapUnordered(x -> x, range(5)).forEachRemaining(unordered::add);
            assertEquals(5, unordered.size());
            assertEquals(List.of(3), pool.starmap((a, b) -> a + b, List.of(Map.entry(1, 2))));
            pool.<Integer, Integer>imap(x -> x, range(3), 2).forEachRemaining(x -> { });
        }
        List<String> finished = heard.stream().filter(Progress::finished).map(p -> p.job() + " " + p.total()).toList();
        assertEquals(List.of("imap_unordered #2 5", "map #3 1", "imap #4 3"), finished);

        heard.clear();
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(Pool.builder().processes(1).progress(heard::add))) {
            executor.map(x -> x, range(4), BOUND, 2).forEachRemaining(x -> { });
        }
        assertEquals(4, heard.get(heard.size() - 1).done());
    }

    @Test
    void theStateListsEachRunningMapWithItsProgress() throws Exception {
        try (Pool pool = new Pool(2)) {
            AsyncResult<List<Integer>> slow = pool.mapAsync(x -> { Thread.sleep(x == 0 ? 0 : 5000); return x; }, range(2), 1);
            Eventually.assertHolds(BOUND, () -> pool.state().jobs().size() == 1
                            && pool.state().jobs().get(0).done() == 1,
                    () -> "one item of the map done: " + pool.state());
            PoolState busy = pool.state();
            Progress job = busy.jobs().get(0);
            assertEquals("map #1", job.job());
            assertEquals(2, job.total());
            assertFalse(job.finished());
            assertTrue(job.eta().toMillis() >= 0, job.toString());
            assertTrue(busy.toString().contains("map #1 [###############...............] 1/2"), busy.toString());
            slow.get(BOUND);
            assertEquals(List.of(), pool.state().jobs(), "a finished map leaves the state");
        }
    }

    @Test
    void theTextBarRedrawsOneLineAndEndsWithTheFinalState() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Pool pool = Pool.builder().processes(2).progress(ProgressListener.textBar(out)).build()) {
            pool.map(x -> { Thread.sleep(40); return x; }, range(30), 1);
            String text = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith("\rmap #1 [..............................] 0/30"), text);
            assertTrue(text.matches("(?s).*\\rmap #1 \\[#{30}\\] 30/30 [0-9.]+/s elapsed [0-9.]+ s done\n"), text);
            assertEquals(1, text.chars().filter(c -> c == '\n').count(), "one line, redrawn: " + text);
        }
    }

    @Test
    void progressChecksItsCountsAndComputesRateAndEta() {
        Progress half = new Progress("p", "map #1", 100, 40, 10, Duration.ofSeconds(5), false);
        assertEquals(0.5, half.fraction());
        assertEquals(10.0, half.rate(), 1e-9);
        assertEquals(Duration.ofSeconds(5), half.eta());
        assertEquals("map #1 [###############...............] 50/100 (10 failed) 10.0/s elapsed 5.00 s ETA 5.00 s",
                half.toString());
        assertThrows(IllegalArgumentException.class, () -> new Progress("p", "j", 10, 8, 3, Duration.ZERO, false));
        assertThrows(IllegalArgumentException.class, () -> new Progress("p", "j", 10, -1, 0, Duration.ZERO, false));
        assertThrows(NullPointerException.class, () -> Pool.builder().progress(null));
    }

    @Test
    void aMapEndedByALostWorkerOrTerminateStillGetsItsFinalCallOutsideThePoolsLock() throws Exception {
        List<Progress> heard = new CopyOnWriteArrayList<>();
        List<String> problems = new CopyOnWriteArrayList<>();
        Pool[] holder = new Pool[1];
        ProgressListener probing = progress -> {
            heard.add(progress);
            // another thread can read the state meanwhile: the pool's lock is not held by this call
            try {
                java.util.concurrent.CompletableFuture.supplyAsync(() -> holder[0].state()).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                problems.add(progress + ": " + e);
            }
        };
        try (Pool pool = Pool.builder().processes(1).progress(probing).build()) {
            holder[0] = pool;
            AsyncResult<List<Integer>> lost = pool.mapAsync(x -> { System.exit(3); return x; }, range(3), 1);
            assertThrows(WorkerLostError.class, () -> lost.get(BOUND));
            Eventually.assertHolds(BOUND, () -> heard.stream().anyMatch(Progress::finished), heard::toString);
            Progress end = heard.stream().filter(Progress::finished).findFirst().orElseThrow();
            assertEquals(3, end.ended(), end.toString());
            assertTrue(end.failed() >= 1, end.toString());

            heard.clear();
            pool.mapAsync(x -> { Thread.sleep(30_000); return x; }, range(4), 1);
            Eventually.assertHolds(BOUND, () -> pool.state().count(PoolState.WorkerState.BUSY) == 1, pool::toString);
            pool.terminate();
            Eventually.assertHolds(BOUND, () -> heard.stream().anyMatch(Progress::finished), heard::toString);
            Progress terminated = heard.stream().filter(Progress::finished).findFirst().orElseThrow();
            assertEquals(new Progress(pool.name(), "map #2", 4, 0, 4, terminated.elapsed(), true), terminated);
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aListenerThatThrowsIsReportedAndThePoolGoesOn() throws Exception {
        try (CapturedOutput err = CapturedOutput.ofErr();
             Pool pool = Pool.builder().processes(1).progress(p -> { throw new IllegalStateException("bad listener"); }).build()) {
            assertEquals(List.of(1, 2), pool.map(x -> x, List.of(1, 2)));
            assertTrue(err.text().contains("bad listener"), err.text());
        }
    }
}
