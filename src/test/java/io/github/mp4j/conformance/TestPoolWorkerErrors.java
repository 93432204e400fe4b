package io.github.mp4j.conformance;

import static io.github.mp4j.conformance.Children.BOUND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.AsyncResult;
import io.github.mp4j.Pool;
import java.io.NotSerializableException;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** CPython's {@code _TestPoolWorkerErrors}: a task's error, or a result that cannot travel, spares the pool. */
class TestPoolWorkerErrors {

    @Test
    void testAsyncErrorCallback() throws Exception {
        try (Pool p = new Pool(2)) {
            AtomicReference<Throwable> scratchpad = new AtomicReference<>();
            AsyncResult<Object> res = p.applyAsync(() -> {
                throw new NoSuchElementException("key"); // CPython's KeyError
            }, null, scratchpad::set);
            assertThrows(NoSuchElementException.class, () -> res.get(BOUND));
            assertInstanceOf(NoSuchElementException.class, scratchpad.get());
        }
    }

    @Test
    void testUnpickleableResult() throws Exception {
        try (Pool p = new Pool(2)) {
            for (int iteration = 0; iteration < 20; iteration++) {
                AtomicReference<Throwable> scratchpad = new AtomicReference<>();
                AsyncResult<Object> res = p.applyAsync(Object::new, null, scratchpad::set);
                // CPython's MaybeEncodingError: Java's serialization error, naming the class
                NotSerializableException e = assertThrows(NotSerializableException.class, () -> res.get(BOUND));
                assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
                assertInstanceOf(NotSerializableException.class, scratchpad.get());
            }
            assertEquals(2, p.state().workers().size(), "no worker was lost");
        }
    }
}
