package io.github.mp4j.conformance;

import static io.github.mp4j.conformance.Children.BOUND;
import static io.github.mp4j.conformance.PythonError.VALUE_ERROR_STATE;
import static io.github.mp4j.conformance.PythonError.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.Event;
import io.github.mp4j.Process;
import io.github.mp4j.SimpleQueue;
import org.junit.jupiter.api.Test;

/** CPython's {@code TestSimpleQueue}: emptiness seen across processes, and closing. */
class TestSimpleQueue {

    @Test
    @Deliberate("A closed SimpleQueue raises IllegalStateException (\"SimpleQueue is closed\") from empty(), "
            + "as from put and get: one exception type for every use of a closed object, where CPython's "
            + "OSError comes from the closed pipe")
    void testEmptyExceptions() {
        SimpleQueue q = new SimpleQueue();
        q.close();
        assertEquals("SimpleQueue is closed", assertRaises(VALUE_ERROR_STATE, q::empty).getMessage());
    }

    @Test
    void testEmpty() throws Exception {
        SimpleQueue queue = new SimpleQueue();
        try (Event childCanStart = new Event(); Event parentCanContinue = new Event()) {
            Process proc = Children.start(null, () -> {
                childCanStart.await(BOUND);
                try {
                    queue.put(queue.empty());
                    queue.put(queue.empty());
                } finally {
                    parentCanContinue.set();
                }
            });
            assertTrue(queue.empty());
            childCanStart.set();
            assertTrue(parentCanContinue.await(BOUND));
            assertFalse(queue.empty());
            assertEquals(true, queue.get());
            assertEquals(false, queue.get());
            assertTrue(queue.empty());
            Children.joined(proc);
        } finally {
            queue.close();
        }
    }

    @Test
    void testClose() {
        SimpleQueue queue = new SimpleQueue();
        queue.close();
        queue.close();
    }

    @Test
    void testClosed() {
        // CPython looks at the private reader and writer; their Java counterpart is that every use fails
        SimpleQueue queue = new SimpleQueue();
        queue.close();
        assertRaises(VALUE_ERROR_STATE, () -> queue.put(1));
        assertRaises(VALUE_ERROR_STATE, queue::get);
        assertEquals("<SimpleQueue(closed)>", queue.toString());
    }
}
