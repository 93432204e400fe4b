package io.github.mp4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.mp4j.Connection;
import io.github.mp4j.Held;
import io.github.mp4j.Lock;
import io.github.mp4j.Pipe;
import io.github.mp4j.Process;
import io.github.mp4j.Queue;
import io.github.mp4j.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CPython's {@code _TestBarrier}, per start method, with the shared-memory barrier and the
 * manager's: {@value #N} parties, {@code N - 1} of them child processes and one this test's thread,
 * as CPython's {@code Bunch} runs them. A child's failed check ends it with exit code 1, which
 * fails the test. The manager's barrier takes no action or default timeout, so the two tests of
 * those run with the shared-memory barrier only.
 */
@ParameterizedClass(name = "{0} {1}")
@MethodSource("io.github.mp4j.conformance.ProcessesOrManager#runs")
class TestBarrier extends ProcessesOrManager {

    static final int N = 5;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private Gate barrier;

    @BeforeEach
    void makeBarrier() {
        barrier = withManager() ? barrier(N, null, null) : barrier(N, null, DEFAULT_TIMEOUT);
    }

    @AfterEach
    void abortBarrier() {
        barrier.abort();
    }

    /** CPython's {@code run_threads}: {@code f} in N - 1 child processes and in this thread; all must succeed. */
    private void runParties(Task f) throws Exception {
        List<Process> parties = new ArrayList<>();
        for (int i = 0; i < N - 1; i++) {
            Process p = process(f);
            p.start();
            parties.add(p);
        }
        try {
            f.run();
        } finally {
            for (Process p : parties) {
                join(p);
            }
        }
        for (Process p : parties) {
            assertEquals(0, p.exitCode(), () -> p + " failed a check (see its stack trace above)");
        }
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    private static void multipass(Gate barrier, Counter results0, Counter results1, int n) throws Exception {
        int m = barrier.parties();
        check(m == N, "parties");
        for (int i = 0; i < n; i++) {
            results0.add();
            check(results1.size() == i * m, "lockstep before the barrier");
            barrier.await();
            results1.add();
            check(results0.size() == (i + 1) * m, "lockstep after the barrier");
            barrier.await();
        }
        check(barrier.nWaiting() == 0, "no one waits");
        check(!barrier.isBroken(), "not broken");
    }

    @Test
    void testBarrier() throws Exception {
        passes(1);
    }

    @Test
    void testBarrier10() throws Exception {
        passes(10);
    }

    private void passes(int n) throws Exception {
        Gate b = barrier;
        Counter results0 = counter();
        Counter results1 = counter();
        runParties(() -> multipass(b, results0, results1, n));
    }

    @Test
    void testWaitReturn() throws Exception {
        Gate b = barrier;
        Queue queue = new Queue();
        runParties(() -> queue.put(b.await()));
        List<Object> results = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            results.add(queue.get(BOUND));
        }
        assertEquals(1, results.stream().filter(r -> r.equals(0)).count(), results::toString);
        queue.close();
    }

    @Test
    void testAction() throws Exception {
        assumeFalse(withManager(), "the manager's barrier takes no action");
        Counter results = counter();
        Gate b = barrier(N, results::add, null);
        runParties(() -> {
            b.await();
            check(results.size() == 1, "the action ran once, before anyone passed");
        });
        assertEquals(1, results.size());
    }

    /** CPython's {@code _test_abort_f}: the middle party aborts after the first pass; the others see the barrier broken. */
    private static void abortInTheMiddle(Gate b, Counter passed, Counter broken) throws InterruptedException {
        try {
            int i = b.await();
            if (i == N / 2) {
                b.abort();
                return;
            }
            b.await();
            passed.add();
        } catch (BrokenBarrierException e) {
            broken.add();
        }
    }

    @Test
    void testAbort() throws Exception {
        Gate b = barrier;
        Counter results1 = counter();
        Counter results2 = counter();
        runParties(() -> abortInTheMiddle(b, results1, results2));
        assertEquals(0, results1.size());
        assertEquals(N - 1, results2.size());
        assertTrue(barrier.isBroken());
    }

    @Test
    void testReset() throws Exception {
        Gate b = barrier;
        Counter results1 = counter();
        Counter results2 = counter();
        Counter results3 = counter();
        runParties(() -> {
            int i = b.await();
            if (i == N / 2) {
                while (b.nWaiting() < N - 1) { // until the others all wait again
                    Thread.sleep(1);
                }
                b.reset();
            } else {
                try {
                    b.await();
                    results1.add();
                } catch (BrokenBarrierException e) {
                    results2.add();
                }
            }
            b.await();
            results3.add();
        });
        assertEquals(0, results1.size());
        assertEquals(N - 1, results2.size());
        assertEquals(N, results3.size());
    }

    @Test
    void testAbortAndReset() throws Exception {
        Gate b = barrier;
        Gate b2 = barrier(N, null, null);
        Counter results1 = counter();
        Counter results2 = counter();
        Counter results3 = counter();
        runParties(() -> {
            abortInTheMiddle(b, results1, results2);
            // everyone has left the broken barrier before the reset, and no one enters before it
            if (b2.await() == N / 2) {
                b.reset();
            }
            b2.await();
            b.await();
            results3.add();
        });
        assertEquals(0, results1.size());
        assertEquals(N - 1, results2.size());
        assertEquals(N, results3.size());
    }

    @Test
    @Deliberate("the party whose own timeout passes gets a TimeoutException, as with "
            + "java.util.concurrent.CyclicBarrier, and the others a BrokenBarrierException; in Python all get "
            + "BrokenBarrierError")
    void testTimeout() throws Exception {
        Gate b = barrier;
        Counter broken = counter();
        Counter timedOut = counter();
        runParties(() -> {
            int i = b.await();
            if (i == N / 2) {
                Thread.sleep(1000); // one party is late
            }
            try {
                b.await(Duration.ofMillis(500));
            } catch (BrokenBarrierException e) {
                broken.add();
            } catch (TimeoutException e) {
                timedOut.add();
            }
        });
        assertEquals(barrier.parties(), broken.size() + timedOut.size());
        assertTrue(timedOut.size() >= 1, "a party's own timeout passed");
    }

    @Test
    void testDefaultTimeout() throws Exception {
        assumeFalse(withManager(), "the manager's barrier takes no default timeout");
        Gate b = barrier(N, null, Duration.ofMillis(500));
        Counter results = counter();
        runParties(() -> {
            int i = b.await(DEFAULT_TIMEOUT);
            if (i == N / 2) {
                Thread.sleep(1000); // later than the default timeout
            }
            try {
                b.await();
            } catch (BrokenBarrierException e) {
                results.add();
            }
        });
        assertEquals(b.parties(), results.size());
    }

    @Test
    void testSingleThread() throws Exception {
        Gate b = barrier(1, null, null);
        b.await();
        b.await();
    }

    @Test
    void testThousand() throws Exception {
        assumeFalse(withManager(), "CPython runs it with its processes' barrier only");
        int passes = 1000;
        Gate b = barrier;
        Lock lock = new Lock();
        Pipe pipe = Pipe.open(false);
        Connection conn = pipe.conn1();
        Connection childConn = pipe.conn2();
        List<Process> procs = new ArrayList<>();
        for (int j = 0; j < N; j++) {
            Process p = process(() -> {
                for (int i = 0; i < passes; i++) {
                    b.await();
                    try (Held held = lock.hold()) {
                        childConn.send(i);
                    }
                }
            });
            p.start();
            procs.add(p);
        }
        try {
            for (int i = 0; i < passes; i++) {
                for (int j = 0; j < N; j++) {
                    assertTrue(conn.poll(BOUND));
                    assertEquals(i, conn.recv());
                }
            }
        } finally {
            for (Process p : procs) {
                join(p);
            }
        }
        for (Process p : procs) {
            assertFalse(p.isAlive());
        }
    }
}
