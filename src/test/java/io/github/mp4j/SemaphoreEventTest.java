package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SemaphoreEventTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void semaphoreCounts() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        assertEquals("semaphore initial value must be >= 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BoundedSemaphore(-1));
        Semaphore s = new Semaphore(2);
        assertEquals(2, s.getValue());
        assertTrue(s.acquire());
        assertTrue(s.acquire(false));
        assertFalse(s.acquire(false));
        assertFalse(s.acquire(Duration.ofMillis(30)));
        assertEquals(0, s.getValue());
        s.release();
        s.release();
        s.release(); // a plain semaphore may exceed its initial value, as in Python
        assertEquals(3, s.getValue());
        assertEquals("<Semaphore(value=3)>", s.toString());
        try (Held held = s.hold()) {
            assertEquals(2, s.getValue());
        }
        assertEquals(3, s.getValue());
    }

    @Test
    void boundedSemaphoreRefusesExtraReleases() throws Exception {
        BoundedSemaphore s = new BoundedSemaphore(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, s::release);
        assertEquals("semaphore or lock released too many times", e.getMessage());
        s.acquire();
        s.release();
        assertThrows(IllegalStateException.class, s::release);
        assertEquals("<BoundedSemaphore(value=2, maxvalue=2)>", s.toString());
        BoundedSemaphore zero = new BoundedSemaphore(0);
        assertFalse(zero.acquire(false));
        assertThrows(IllegalStateException.class, zero::release);
    }

    @Test
    void closingSemaphoresFreesTheirMemoryAtOnce() throws Throwable {
        for (boolean bounded : new boolean[] {false, true}) {
            Semaphore closed = Closing.freesMemoryAtOnce(10, () -> {
                Semaphore s = bounded ? new BoundedSemaphore(1) : new Semaphore(1);
                assertTrue(s.acquire(false));
                s.release();
                return s;
            }).get(0);
            Closing.assertClosed(closed, "semaphore", () -> closed.acquire(false), closed::release,
                    closed::acquire, () -> closed.acquire(Duration.ZERO), closed::hold, closed::getValue);
        }
    }

    @Test
    void closingEventsFreesTheirMemoryAtOnce() throws Throwable {
        Event closed = Closing.freesMemoryAtOnce(20, () -> {
            Event event = new Event();
            event.set();
            return event;
        }).get(0);
        Closing.assertClosed(closed, "event", closed::isSet, closed::set, closed::clear, closed::await,
                () -> closed.await(Duration.ZERO));
    }

    @Test
    void semaphoresAndEventsWorkAcrossProcesses() throws Exception {
        Semaphore fromChild = new Semaphore(0);
        BoundedSemaphore bounded = new BoundedSemaphore(1);
        Event go = new Event();
        Event done = new Event();
        bounded.acquire();
        Process p = new Process(() -> {
            if (!go.await(BOUND)) {
                throw new IllegalStateException("never told to go");
            }
            fromChild.release();
            bounded.release();       // released in another process than the one that acquired
            done.set();
        });
        p.start();
        assertFalse(go.isSet());
        assertFalse(fromChild.acquire(Duration.ofMillis(30)), "the child has not released yet");
        go.set();
        assertTrue(fromChild.acquire(BOUND));
        assertTrue(done.await(BOUND));
        p.join(BOUND);
        assertEquals(0, p.exitCode());
        assertEquals(1, bounded.getValue());
        assertThrows(IllegalStateException.class, bounded::release);
    }

    @Test
    void eventFlag() throws Exception {
        Event event = new Event();
        assertFalse(event.isSet());
        assertFalse(event.await(Duration.ofMillis(20)));
        assertFalse(event.await(Duration.ofMillis(-1)));
        event.set();
        assertTrue(event.isSet());
        assertTrue(event.await());
        assertTrue(event.await(Duration.ZERO));
        event.clear();
        assertFalse(event.isSet());
        assertEquals("<Event(unset)>", event.toString());
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> event.await(BOUND));
    }
}
