package io.github.mp4j.kernel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.mp4j.display.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimingTest {

    @Test
    void compareRunsEverySectionRepeatTimesInterleaved() throws Exception {
        List<String> order = new ArrayList<>();
        Comparison c = Timing.compare(3, new String[] {"a", "b"},
                new Timing.Code[] {() -> order.add("a"), () -> order.add("b")});
        assertEquals(List.of("a", "b", "a", "b", "a", "b"), order);
        assertEquals(List.of("a", "b"), c.sections().stream().map(Comparison.Section::label).toList());
        assertEquals(3, c.section("b").nanos().size());
        assertSame(c, Timing.lastComparison());
    }

    @Test
    void compareRefusesBadArgumentsAndPassesFailuresOn() throws Exception {
        Timing.Code nothing = () -> {};
        assertThrows(IllegalArgumentException.class, () -> Timing.compare(0, new String[] {"a"}, new Timing.Code[] {nothing}));
        assertThrows(IllegalArgumentException.class, () -> Timing.compare(1, new String[] {"a", "b"}, new Timing.Code[] {nothing}));
        Comparison before = Timing.compare(1, new String[] {"ok"}, new Timing.Code[] {nothing});
        var failure = assertThrows(java.io.IOException.class, () -> Timing.compare(2, new String[] {"x"},
                new Timing.Code[] {() -> { throw new java.io.IOException("boom"); }}));
        assertEquals("boom", failure.getMessage());
        assertSame(before, Timing.lastComparison(), "a failed comparison records nothing");
    }

    /** A clock that advances {@code perCall} nanoseconds for every call of the timed code. */
    private static final class FakeClock {
        final AtomicLong now = new AtomicLong();
        final long perCall;
        int calls;

        FakeClock(long perCall) {
            this.perCall = perCall;
        }

        Timing.Code code() {
            return () -> {
                calls++;
                now.addAndGet(perCall);
            };
        }
    }

    @Test
    void timeitGrowsTheLoopCountByTensUntilARunTakesAFifthOfASecond() throws Exception {
        FakeClock clock = new FakeClock(50_000); // 50 µs per call: 1, 10, 100 loops too short, 10 000 is 0.5 s
        TimeitResult r = Timing.timeit(0, 7, clock.code(), clock.now::get);
        assertEquals(10_000, r.loops());
        assertEquals(7, r.runNanos().size());
        assertEquals(1 + 10 + 100 + 1000 + 7 * 10_000, clock.calls, "calibration runs, the last counted as run 1");
        assertEquals(50_000.0, r.mean(), 1e-6);
        assertEquals(0.0, r.stdev(), 1e-6);
        assertEquals("50.0 µs ± 0.00 ns per loop (mean ± std. dev. of 7 runs, 10,000 loops each)", r.toString());
    }

    @Test
    void timeitWithAFixedLoopCountRunsExactlyThat() throws Exception {
        FakeClock clock = new FakeClock(1_000_000_000);
        TimeitResult r = Timing.timeit(2, 3, clock.code(), clock.now::get);
        assertEquals(6, clock.calls);
        assertEquals("1.00 s ± 0.00 ns per loop (mean ± std. dev. of 3 runs, 2 loops each)", r.toString());
        assertThrows(IllegalArgumentException.class, () -> Timing.timeit(1, 0, () -> {}));
    }

    @Test
    void timeitResultStatistics() {
        TimeitResult r = new TimeitResult(1, List.of(1000L, 3000L));
        assertEquals(2000.0, r.mean());
        assertEquals(1000.0, r.stdev());
        assertEquals(1000.0, r.best());
        assertEquals("2.00 µs ± 1.00 µs per loop (mean ± std. dev. of 2 runs, 1 loop each)", r.toString());
        assertThrows(IllegalArgumentException.class, () -> new TimeitResult(0, List.of(1L)));
    }
}
