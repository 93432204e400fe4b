package io.github.mp4j.conformance;

import static io.github.mp4j.conformance.Children.BOUND;
import static io.github.mp4j.conformance.PythonError.QUEUE_EMPTY;
import static io.github.mp4j.conformance.PythonError.QUEUE_FULL;
import static io.github.mp4j.conformance.PythonError.VALUE_ERROR_STATE;
import static io.github.mp4j.conformance.PythonError.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.mp4j.Event;
import io.github.mp4j.Manager;
import io.github.mp4j.JoinableQueue;
import io.github.mp4j.Process;
import io.github.mp4j.Queue;
import io.github.mp4j.StartMethod;
import java.io.NotSerializableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CPython's {@code _TestQueue}, for each start method and, as CPython's {@code WithManagerTestQueue},
 * on a manager's queue ({@link SharedQueue} gives both the same interface).
 */
@ParameterizedClass
@EnumSource(TestQueue.Kind.class)
@NotApplicable(method = "test_no_import_lock_contention",
        reason = "Python's import lock: a Java class initializer that uses a queue waits for nothing of the kind")
class TestQueue {
    private static final Duration TIMEOUT = Duration.ofMillis(200);
    /** CPython's {@code assertTimingAlmostEqual(elapsed, 0)}, loose enough for a loaded machine. */
    private static final Duration AT_ONCE = Duration.ofSeconds(2);

    /** Where the queue lives: {@link Queue} with children by each start method, or a manager. */
    enum Kind { SPAWN, WARM, MANAGER }

    private static Manager manager;

    @Parameter
    Kind kind;

    @BeforeParameterizedClassInvocation
    static void startManager(Kind kind) {
        if (kind == Kind.MANAGER) {
            manager = Children.manager();
        }
    }

    @AfterParameterizedClassInvocation
    static void stopManager() {
        if (manager != null) {
            manager.close();
            manager = null;
        }
    }

    private Process start(io.github.mp4j.Task task) throws Exception {
        return Children.start(kind == Kind.MANAGER ? null : StartMethod.valueOf(kind.name()), task);
    }

    /** CPython's {@code self.Queue(maxsize)}: 0 for no bound. */
    private SharedQueue newQueue(int maxsize) {
        return kind == Kind.MANAGER ? new SharedQueue.Proxy(manager.queue(maxsize))
                : new SharedQueue.Local(new Queue(maxsize));
    }

    /** CPython's {@code self.JoinableQueue()}. */
    private SharedQueue newJoinableQueue() {
        return kind == Kind.MANAGER ? new SharedQueue.Proxy(manager.queue()) : new SharedQueue.Local(new JoinableQueue());
    }

    /** CPython's skip of the feeder-thread tests for other types than processes. */
    private void queuesOnly() {
        assumeTrue(kind != Kind.MANAGER, "CPython runs this for multiprocessing.Queue only");
    }

    /** Runs {@code body}, asserts it throws {@code error}, and returns how long it took. */
    private static Duration timed(PythonError error, Executable body) {
        long start = System.nanoTime();
        assertRaises(error, body);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void assertAtOnce(Duration elapsed) {
        assertTrue(elapsed.compareTo(AT_ONCE) < 0, "took " + elapsed);
    }

    private static void assertWaited(Duration elapsed) {
        assertTrue(elapsed.compareTo(TIMEOUT.minusMillis(20)) >= 0, "took only " + elapsed);
    }

    @Test
    void testPut() throws Exception {
        int maxsize = 6;
        SharedQueue queue = newQueue(maxsize);
        try (Event childCanStart = new Event(); Event parentCanContinue = new Event()) {
            Process proc = start(() -> {
                childCanStart.await(BOUND);
                for (int i = 0; i < 6; i++) {
                    queue.get(true, BOUND);
                }
                parentCanContinue.set();
            });
            assertTrue(queue.empty());
            assertFalse(queue.full());
            queue.put(1);
            queue.put(2, true, null);
            queue.put(3, true, null);
            queue.put(4, false, null);
            queue.put(5, false, null);
            queue.putNowait(6);
            assertFalse(queue.empty());
            assertTrue(queue.full());

            assertAtOnce(timed(QUEUE_FULL, () -> queue.put(7, false, null)));
            assertAtOnce(timed(QUEUE_FULL, () -> queue.putNowait(7)));
            assertWaited(timed(QUEUE_FULL, () -> queue.put(7, true, TIMEOUT)));
            assertAtOnce(timed(QUEUE_FULL, () -> queue.put(7, false, TIMEOUT)));

            childCanStart.set();
            assertTrue(parentCanContinue.await(BOUND));
            assertTrue(queue.empty());
            assertFalse(queue.full());
            Children.joined(proc);
        } finally {
            queue.close();
        }
    }

    @Test
    void testGet() throws Exception {
        SharedQueue queue = newQueue(0);
        try (Event childCanStart = new Event(); Event parentCanContinue = new Event()) {
            Process proc = start(() -> {
                childCanStart.await(BOUND);
                for (int i = 2; i <= 5; i++) {
                    queue.put(i);
                }
                parentCanContinue.set();
            });
            assertTrue(queue.empty());
            childCanStart.set();
            assertTrue(parentCanContinue.await(BOUND));
            assertFalse(queue.empty());
            assertEquals(2, queue.get(true, BOUND));
            assertEquals(3, queue.get(true, BOUND));
            assertEquals(4, queue.get(true, Duration.ofSeconds(1)));
            // CPython's get_nowait here may still miss an item in flight; ours counts it, so wait for it
            assertEquals(5, queue.get(true, BOUND));
            assertTrue(queue.empty());

            assertAtOnce(timed(QUEUE_EMPTY, () -> queue.get(false, null)));
            assertAtOnce(timed(QUEUE_EMPTY, queue::getNowait));
            assertWaited(timed(QUEUE_EMPTY, () -> queue.get(true, TIMEOUT)));
            assertAtOnce(timed(QUEUE_EMPTY, () -> queue.get(false, TIMEOUT)));
            Children.joined(proc);
        } finally {
            queue.close();
        }
    }

    @Test
    void testFork() throws Exception {
        SharedQueue queue = newQueue(0);
        try {
            for (int i = 0; i < 10; i++) {
                queue.put(i);
            }
            Thread.sleep(100); // let this process's feeder write them first
            Process p = start(() -> {
                for (int i = 10; i < 20; i++) {
                    queue.put(i);
                }
            });
            for (int i = 0; i < 20; i++) {
                assertEquals(i, queue.get(true, BOUND));
            }
            assertRaises(QUEUE_EMPTY, () -> queue.get(false, null));
            Children.joined(p);
        } finally {
            queue.close();
        }
    }

    @Test
    void testQsize() throws Exception {
        SharedQueue q = newQueue(0);
        assertEquals(0, q.qsize());
        q.put(1);
        assertEquals(1, q.qsize());
        q.put(5);
        assertEquals(2, q.qsize());
        q.get(true, BOUND);
        assertEquals(1, q.qsize());
        q.get(true, BOUND);
        assertEquals(0, q.qsize());
        q.close();
    }

    @Test
    void testTaskDone() throws Exception {
        SharedQueue queue = newJoinableQueue();
        try {
            List<Process> workers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                workers.add(start(() -> {
                    while (queue.get(true, BOUND) != null) {
                        Thread.sleep(20);
                        queue.taskDone();
                    }
                }));
            }
            for (int i = 0; i < 10; i++) {
                queue.put(i);
            }
            assertTrue(queue.join(BOUND));
            for (int i = 0; i < workers.size(); i++) {
                queue.put(null);
            }
            for (Process p : workers) {
                Children.joined(p);
            }
        } finally {
            queue.close();
        }
    }

    @Test
    void testTimeout() throws Exception {
        SharedQueue q = newQueue(0);
        long start = System.nanoTime();
        assertRaises(QUEUE_EMPTY, () -> q.get(true, TIMEOUT));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(100).toNanos());
        q.close();
    }

    @Test
    @Deliberate("An item that cannot be serialized fails at put, in the caller's thread, and is neither "
            + "queued nor counted; CPython's put succeeds and its feeder thread reports the error later")
    void testQueueFeederDonotStopOnexc() throws Exception {
        queuesOnly();
        Queue q = new Queue();
        assertThrows(NotSerializableException.class, () -> q.put(new Object()));
        q.put(true);
        assertEquals(true, q.get(BOUND));
        q.close();

        Queue bounded = new Queue(1);
        assertThrows(NotSerializableException.class, () -> bounded.put(new Object()));
        bounded.put(true);
        assertEquals(1, bounded.qsize());
        assertEquals(true, bounded.get(BOUND));
        assertTrue(bounded.empty());
        bounded.close();
    }

    @Test
    @Deliberate("There is no feeder-error hook to override: the serialization error is thrown by put itself, "
            + "where the caller can handle it, and the queue goes on working")
    void testQueueFeederOnQueueFeederError() throws Exception {
        queuesOnly();
        Queue q = new Queue();
        NotSerializableException e = assertThrows(NotSerializableException.class, () -> q.put(new Thread()));
        assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
        q.put(true);
        assertEquals(true, q.get(BOUND));
        q.close();
    }

    @Test
    @Deliberate("A closed queue raises IllegalStateException \"Queue is closed\" from empty(), qsize() and "
            + "full() at once, used or not; CPython's close() takes effect only once the queue was used, "
            + "and then empty() raises OSError while put and get raise ValueError")
    void testClosedQueueEmptyExceptions() throws Exception {
        for (Queue q : List.of(new Queue(), new JoinableQueue())) {
            q.close();
            q.joinThread();
            assertEquals("Queue is closed", assertRaises(VALUE_ERROR_STATE, q::empty).getMessage());
        }
        for (Queue q : List.of(new Queue(), new JoinableQueue())) {
            q.put("foo");
            q.close();
            q.joinThread();
            assertEquals("Queue is closed", assertRaises(VALUE_ERROR_STATE, q::empty).getMessage());
        }
    }

    @Test
    void testClosedQueuePutGetExceptions() {
        for (Queue q : List.of(new Queue(), new JoinableQueue())) {
            q.close();
            assertTrue(assertRaises(VALUE_ERROR_STATE, () -> q.put("foo")).getMessage().contains("is closed"));
            assertTrue(assertRaises(VALUE_ERROR_STATE, q::get).getMessage().contains("is closed"));
        }
    }
}
