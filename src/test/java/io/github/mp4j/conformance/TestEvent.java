package io.github.mp4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.Process;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** CPython's {@code _TestEvent}, per start method, with the shared-memory event and the manager's. */
@ParameterizedClass(name = "{0} {1}")
@MethodSource("io.github.mp4j.conformance.ProcessesOrManager#runs")
class TestEvent extends ProcessesOrManager {

    @Test
    void testEvent() throws Exception {
        Flag event = event();
        assertFalse(event.isSet());
        assertFalse(event.await(Duration.ZERO));
        long start = System.nanoTime();
        assertFalse(event.await(Duration.ofMillis(100)));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(100).toNanos(), "waited the timeout");

        event.set();
        assertTrue(event.isSet());
        assertTrue(event.await());
        assertTrue(event.await(Duration.ofMillis(100)));

        event.clear();
        assertFalse(event.isSet());
        Process p = process(() -> {
            Thread.sleep(200);
            event.set();
        });
        p.setDaemon(true);
        p.start();
        assertTrue(event.await(BOUND));
        join(p);
    }

    @Test
    @Deliberate("a Java object has no address to show: the event says <Event(unset)> or <Event(set)> where "
            + "Python's says <Event at 0x... unset>, and the manager's proxy says the same, where Python's shows "
            + "only its type id")
    void testRepr() {
        Flag event = event();
        assertEquals("<Event(unset)>", event.toString());
        event.set();
        assertEquals("<Event(set)>", event.toString());
        event.clear();
        assertEquals("<Event(unset)>", event.toString());
    }
}
