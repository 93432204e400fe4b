package io.github.mp4j.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.mp4j.Acquirer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CPython's {@code _TestSemaphore}, per start method, with the shared-memory semaphores and the
 * manager's. The value is checked where the type has one, as CPython's
 * {@code assertReturnsIfImplemented} does: the manager's semaphores have none.
 */
@ParameterizedClass(name = "{0} {1}")
@MethodSource("io.github.mp4j.conformance.ProcessesOrManager#runs")
class TestSemaphore extends ProcessesOrManager {

    private static void checkSemaphore(Acquirer sem) throws InterruptedException {
        assertValue(2, sem);
        assertTrue(sem.acquire());
        assertValue(1, sem);
        assertTrue(sem.acquire());
        assertValue(0, sem);
        assertFalse(sem.acquire(false));
        assertValue(0, sem);
        sem.release();
        assertValue(1, sem);
        sem.release();
        assertValue(2, sem);
    }

    @Test
    void testSemaphore() throws Exception {
        Acquirer sem = semaphore(2);
        checkSemaphore(sem);
        sem.release();
        assertValue(3, sem);
        sem.release();
        assertValue(4, sem);
    }

    @Test
    void testBoundedSemaphore() throws Exception {
        checkSemaphore(boundedSemaphore(2));
    }

    @Test
    void testTimeout() throws Exception {
        assumeFalse(withManager(), "CPython runs it with its processes' semaphores only");
        Acquirer sem = semaphore(0);
        assertFalse(sem.acquire(false));
        assertFalse(sem.acquire(false, null));
        assertFalse(sem.acquire(false, Duration.ofMillis(100)));
        long start = System.nanoTime();
        assertFalse(sem.acquire(true, Duration.ofMillis(100)));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(100).toNanos(), "waited the timeout");
        start = System.nanoTime();
        assertFalse(sem.acquire(Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(200).toNanos(), "waited the timeout");
    }
}
