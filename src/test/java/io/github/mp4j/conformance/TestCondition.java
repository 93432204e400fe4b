package io.github.mp4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.Acquirer;
import io.github.mp4j.Held;
import io.github.mp4j.Process;
import io.github.mp4j.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CPython's {@code _TestCondition}, per start method, with the shared-memory condition and the
 * manager's. Sleepers are processes and threads of this JVM, as in CPython. CPython's
 * {@code check_invariant} reads the condition's private semaphores and is left out.
 */
@ParameterizedClass(name = "{0} {1}")
@MethodSource("io.github.mp4j.conformance.ProcessesOrManager#runs")
class TestCondition extends ProcessesOrManager {

    private static final Duration TIMEOUT1 = Duration.ofMillis(100);
    private static final Duration DELTA = Duration.ofMillis(100);

    private final List<Process> processes = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    @AfterEach
    void joinSleepers() throws InterruptedException {
        for (Process p : processes) {
            join(p);
        }
        for (Thread t : threads) {
            t.join(BOUND.toMillis());
            assertFalse(t.isAlive(), t::toString);
        }
    }

    /** CPython's {@code f}: holds the condition, says it sleeps, waits, says it woke. */
    private static void sleeper(Cond cond, Acquirer sleeping, Acquirer woken, Duration timeout)
            throws InterruptedException {
        cond.acquire();
        sleeping.release();
        if (timeout == null) {
            cond.await();
        } else {
            cond.await(timeout);
        }
        woken.release();
        cond.release();
    }

    /** Starts one sleeper in a daemon child process and one in a daemon thread. */
    private void startSleepers(Cond cond, Acquirer sleeping, Acquirer woken, Duration timeout) throws Exception {
        Process p = process(() -> sleeper(cond, sleeping, woken, timeout));
        p.setDaemon(true);
        p.start();
        processes.add(p);
        Thread t = new Thread(() -> {
            try {
                sleeper(cond, sleeping, woken, timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.setDaemon(true);
        t.start();
        threads.add(t);
    }

    private static void acquireAll(Acquirer sem, int n) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            assertTrue(sem.acquire(BOUND));
        }
    }

    private static void signal(Cond cond, int n) throws InterruptedException {
        try (Held held = cond.hold()) {
            cond.signal(n);
        }
    }

    @Test
    void testNotify() throws Exception {
        Cond cond = condition();
        Acquirer sleeping = semaphore(0);
        Acquirer woken = semaphore(0);
        startSleepers(cond, sleeping, woken, null);
        acquireAll(sleeping, 2);

        Thread.sleep(DELTA.toMillis());
        assertValue(0, woken);
        try (Held held = cond.hold()) {
            cond.signal();
        }
        assertValueEventually(1, woken);
        Thread.sleep(DELTA.toMillis());
        assertValue(1, woken);
        try (Held held = cond.hold()) {
            cond.signal();
        }
        acquireAll(woken, 2);
    }

    @Test
    void testNotifyAll() throws Exception {
        Cond cond = condition();
        Acquirer sleeping = semaphore(0);
        Acquirer woken = semaphore(0);
        for (int i = 0; i < 3; i++) {
            startSleepers(cond, sleeping, woken, TIMEOUT1);
        }
        acquireAll(sleeping, 6);
        acquireAll(woken, 6); // they all time out
        assertValue(0, woken);

        for (int i = 0; i < 3; i++) {
            startSleepers(cond, sleeping, woken, null);
        }
        acquireAll(sleeping, 6);
        Thread.sleep(DELTA.toMillis());
        assertValue(0, woken);
        try (Held held = cond.hold()) {
            cond.signalAll();
        }
        assertValueEventually(6, woken);
        acquireAll(woken, 6);
    }

    @Test
    void testNotifyN() throws Exception {
        Cond cond = condition();
        Acquirer sleeping = semaphore(0);
        Acquirer woken = semaphore(0);
        for (int i = 0; i < 3; i++) {
            startSleepers(cond, sleeping, woken, null);
        }
        acquireAll(sleeping, 6);
        Thread.sleep(DELTA.toMillis());
        assertValue(0, woken);

        signal(cond, 2);
        assertValueEventually(2, woken);
        Thread.sleep(DELTA.toMillis());
        assertValue(2, woken);
        signal(cond, 4);
        assertValueEventually(6, woken);
        signal(cond, 3); // no one is left to wake
        assertValue(6, woken);
        acquireAll(woken, 6);
    }

    @Test
    void testTimeout() throws Exception {
        Cond cond = condition();
        cond.acquire();
        long start = System.nanoTime();
        boolean result = cond.await(TIMEOUT1);
        long elapsed = System.nanoTime() - start;
        cond.release();
        assertFalse(result);
        assertTrue(elapsed >= TIMEOUT1.toNanos(), "waited the timeout");
    }

    @Test
    void testWaitfor() throws Exception {
        Cond cond = condition();
        Value<Integer> state = new Value<>(Integer.class, -1);
        Process p = process(() -> {
            try (Held held = cond.hold()) {
                state.set(0);
                cond.signal();
                boolean result = cond.awaitFor(() -> state.get() == 4, null);
                if (!result || state.get() != 4) {
                    System.exit(1);
                }
            }
        });
        p.setDaemon(true);
        p.start();
        try (Held held = cond.hold()) {
            assertTrue(cond.awaitFor(() -> state.get() == 0, BOUND));
            assertEquals(0, state.get());
        }
        for (int i = 0; i < 4; i++) {
            Thread.sleep(10);
            try (Held held = cond.hold()) {
                state.set(state.get() + 1);
                cond.signal();
            }
        }
        join(p);
        assertEquals(0, p.exitCode());
    }

    @Test
    void testWaitforTimeout() throws Exception {
        Cond cond = condition();
        Value<Integer> state = new Value<>(Integer.class, 0);
        Value<Boolean> success = new Value<>(Boolean.class, false);
        Acquirer sem = semaphore(0);
        Process p = process(() -> {
            sem.release();
            try (Held held = cond.hold()) {
                Duration expected = Duration.ofMillis(100);
                long start = System.nanoTime();
                boolean result = cond.awaitFor(() -> state.get() == 4, expected);
                if (!result && System.nanoTime() - start >= expected.toNanos()) {
                    success.set(true);
                }
            }
        });
        p.setDaemon(true);
        p.start();
        assertTrue(sem.acquire(BOUND));
        for (int i = 0; i < 3; i++) { // state == 4 is never reached
            Thread.sleep(10);
            try (Held held = cond.hold()) {
                state.set(state.get() + 1);
                cond.signal();
            }
        }
        join(p);
        assertTrue(success.get());
    }

    @Test
    void testWaitResult() throws Exception {
        // Python's child sends SIGINT to its parent so that the parent's wait raises
        // KeyboardInterrupt; a Java wait ends the same way by an interrupt of its thread
        Cond c = condition();
        Thread waiter = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            try {
                Thread.sleep(1000);
                waiter.interrupt();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        c.acquire();
        try {
            assertFalse(c.await(Duration.ZERO));
            assertFalse(c.await(Duration.ofMillis(100)));
            Process p = process(() -> {
                try (Held inChild = c.hold()) {
                    c.signal();
                }
            });
            p.start();
            processes.add(p);
            assertTrue(c.await(Duration.ofSeconds(60)));
            interrupter.start();
            assertThrows(InterruptedException.class, () -> c.await(Duration.ofSeconds(60)));
            if (!withManager()) {
                // the shared-memory condition has taken its lock back, as a java.util.concurrent
                // Condition does; the manager's proxy does not (left to the managers' conformance)
                c.release();
            }
        } finally {
            interrupter.join(BOUND.toMillis());
            Thread.interrupted();
        }
    }
}
