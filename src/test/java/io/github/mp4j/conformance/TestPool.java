package io.github.mp4j.conformance;

import static io.github.mp4j.conformance.Children.BOUND;
import static io.github.mp4j.conformance.PoolTasks.sayWhen;
import static io.github.mp4j.conformance.PoolTasks.sqr;
import static io.github.mp4j.conformance.PythonError.TIMEOUT_ERROR;
import static io.github.mp4j.conformance.PythonError.VALUE_ERROR;
import static io.github.mp4j.conformance.PythonError.VALUE_ERROR_STATE;
import static io.github.mp4j.conformance.PythonError.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.mp4j.AsyncResult;
import io.github.mp4j.ImapIterator;
import io.github.mp4j.Pool;
import io.github.mp4j.RemoteTraceback;
import io.github.mp4j.StartMethod;
import io.github.mp4j.ThreadPool;
import io.github.mp4j.conformance.PoolTasks.SayWhenError;
import java.io.NotSerializableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CPython's {@code _TestPool}, for each start method and for the {@link ThreadPool} (CPython's
 * {@code WithThreadsTestPool}), sharing one pool of four per kind as CPython does. (CPython's
 * {@code WithManagerTestPool} has no counterpart: mp4j's Manager has no pool proxy.)
 */
@ParameterizedClass
@EnumSource(TestPool.Kind.class)
@NotApplicable(method = "test_release_task_refs", reason = "Counts live objects through CPython's reference "
        + "counting; a Java garbage collector frees task arguments when it likes, which no test can wait for")
@NotApplicable(method = "test_enter", reason = "Python's `with pool:` enters again and can refuse a closed pool; "
        + "Java's try-with-resources has no enter step (using a closed pool is refused: test_context)")
@NotApplicable(method = "test_resource_warning", reason = "A ResourceWarning from a collected running pool; "
        + "Java has no such warning, and a pool's workers are daemon children that end with this JVM")
class TestPool {
    private static Pool pool;

    /** The pools CPython's mixins make: processes by each start method, and threads. */
    enum Kind {
        SPAWN, WARM, THREADS;

        Pool create(int processes) {
            return this == THREADS ? new ThreadPool(processes)
                    : Pool.builder().processes(processes).startMethod(StartMethod.valueOf(name())).build();
        }
    }

    @Parameter
    Kind kind;

    @BeforeParameterizedClassInvocation
    static void startPool(Kind kind) {
        pool = kind.create(4);
    }

    @AfterParameterizedClassInvocation
    static void endPool() throws InterruptedException {
        pool.terminate();
        assertTrue(pool.join(BOUND));
    }

    private Pool newPool(int processes) {
        return kind.create(processes);
    }

    /** CPython's {@code if self.TYPE == 'processes'} (or its skip for threads). */
    private void processesOnly() {
        assumeTrue(kind != Kind.THREADS, "CPython runs this for processes only");
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static List<Integer> squares(int n) {
        return IntStream.range(0, n).map(PoolTasks::sqr).boxed().toList();
    }

    private static List<Map.Entry<Integer, Integer>> descendingPairs(int n) {
        return IntStream.range(0, n).mapToObj(i -> Map.entry(i, n - 1 - i)).toList();
    }

    private static List<Integer> products(List<Map.Entry<Integer, Integer>> pairs) {
        return pairs.stream().map(e -> e.getKey() * e.getValue()).toList();
    }

    @Test
    void testApply() throws Exception {
        assertEquals(25, pool.apply(() -> sqr(5)));
        assertEquals(9, pool.apply(() -> sqr(3)));
    }

    @Test
    void testMap() throws Exception {
        assertEquals(squares(10), pool.map(PoolTasks::sqr, range(10)));
        assertEquals(squares(100), pool.map(PoolTasks::sqr, range(100), 20));
    }

    @Test
    void testStarmap() throws Exception {
        List<Map.Entry<Integer, Integer>> tuples = descendingPairs(10);
        assertEquals(products(tuples), pool.starmap((Integer x, Integer y) -> x * y, tuples));
        List<Map.Entry<Integer, Integer>> more = descendingPairs(100);
        assertEquals(products(more), pool.starmapAsync((Integer x, Integer y) -> x * y, more, 20).get(BOUND));
    }

    @Test
    void testStarmapAsync() throws Exception {
        List<Map.Entry<Integer, Integer>> tuples = descendingPairs(100);
        assertEquals(products(tuples), pool.starmapAsync((Integer x, Integer y) -> x * y, tuples, 0).get(BOUND));
    }

    @Test
    void testMapAsync() throws Exception {
        assertEquals(squares(10), pool.mapAsync(PoolTasks::sqr, range(10)).get(BOUND));
    }

    @Test
    void testMapAsyncCallbacks() throws Exception {
        List<Object> callArgs = Collections.synchronizedList(new ArrayList<>());
        assertTrue(pool.mapAsync(Integer::parseInt, List.of("1"), 0, callArgs::add, callArgs::add).await(BOUND));
        assertEquals(1, callArgs.size());
        assertEquals(List.of(1), callArgs.get(0));
        assertTrue(pool.mapAsync(Integer::parseInt, List.of("a"), 0, callArgs::add, callArgs::add).await(BOUND));
        assertEquals(2, callArgs.size());
        assertInstanceOf(VALUE_ERROR.javaType, callArgs.get(1));
    }

    @Test
    void testMapUnplicklable() {
        processesOnly();
        // CPython raises the pickling error; Java's is NotSerializableException, and nothing hangs
        List<Object> items = Collections.nCopies(10, new Object());
        assertThrows(NotSerializableException.class, () -> pool.map(Object::hashCode, items));
    }

    @Test
    void testMapChunksize() throws Exception {
        assertEquals(List.of(), pool.mapAsync(PoolTasks::sqr, List.<Integer>of(), 1).get(Duration.ofSeconds(10)));
    }

    @Test
    void testMapHandleIterableException() {
        assertThrows(SayWhenError.class, () -> pool.map(PoolTasks::sqr, sayWhen(1, -1), 1));
        assertThrows(SayWhenError.class, () -> pool.map(PoolTasks::sqr, sayWhen(1, -1), 1));
        assertThrows(SayWhenError.class, () -> pool.map(PoolTasks::sqr, sayWhen(10, 3), 1));
        Iterable<Integer> special = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                throw new SayWhenError();
            }
        };
        assertThrows(SayWhenError.class, () -> pool.map(PoolTasks::sqr, special, 1));
        assertThrows(SayWhenError.class, () -> pool.map(PoolTasks::sqr, special, 1));
    }

    @Test
    void testAsync() throws Exception {
        AsyncResult<Integer> res = pool.applyAsync(() -> sqr(7, 100));
        long start = System.nanoTime();
        assertEquals(49, res.get(BOUND));
        assertTrue(System.nanoTime() - start > Duration.ofMillis(50).toNanos(), "the task waited 100 ms");
    }

    @Test
    void testAsyncTimeout() throws Exception {
        AsyncResult<Integer> res = pool.applyAsync(() -> sqr(6, 30_000));
        long start = System.nanoTime();
        assertRaises(TIMEOUT_ERROR, () -> res.get(Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(180).toNanos());
        res.cancel(true); // CPython terminates a pool of its own; this frees the shared pool's worker
    }

    @Test
    void testImap() throws Exception {
        List<Integer> all = new ArrayList<>();
        pool.imap(PoolTasks::sqr, range(10)).forEachRemaining(all::add);
        assertEquals(squares(10), all);

        ImapIterator<Integer> it = pool.imap(PoolTasks::sqr, range(10));
        for (int i = 0; i < 10; i++) {
            assertEquals(i * i, it.next());
        }
        assertThrows(NoSuchElementException.class, it::next);

        it = pool.imap(PoolTasks::sqr, range(1000), 100);
        for (int i = 0; i < 1000; i++) {
            assertEquals(i * i, it.next());
        }
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    @Deliberate("The items read before the iterable failed all get their results, the last partial chunk "
            + "included; CPython drops the chunk the failure interrupted (for chunks of 2 failing at item 7 "
            + "it yields 6 results, mp4j 7)")
    void testImapHandleIterableException() {
        ImapIterator<Integer> first = pool.imap(PoolTasks::sqr, sayWhen(1, -1), 1);
        assertThrows(SayWhenError.class, first::next);
        ImapIterator<Integer> again = pool.imap(PoolTasks::sqr, sayWhen(1, -1), 1);
        assertThrows(SayWhenError.class, again::next);

        for (int[] totalWhenChunk : new int[][] {{10, 3, 1}, {20, 7, 2}, {20, 7, 4}}) {
            ImapIterator<Integer> it = pool.imap(PoolTasks::sqr, sayWhen(totalWhenChunk[0], totalWhenChunk[1]),
                    totalWhenChunk[2]);
            for (int i = 0; i < totalWhenChunk[1]; i++) {
                assertEquals(i * i, it.next());
            }
            assertThrows(SayWhenError.class, it::next);
        }
    }

    @Test
    void testImapUnordered() {
        List<Integer> all = new ArrayList<>();
        pool.imapUnordered(PoolTasks::sqr, range(10)).forEachRemaining(all::add);
        all.sort(null);
        assertEquals(squares(10), all);

        all.clear();
        pool.imapUnordered(PoolTasks::sqr, range(1000), 100).forEachRemaining(all::add);
        all.sort(null);
        assertEquals(squares(1000), all);
    }

    @Test
    void testImapUnorderedHandleIterableException() {
        ImapIterator<Integer> first = pool.imapUnordered(PoolTasks::sqr, sayWhen(1, -1), 1);
        assertThrows(SayWhenError.class, first::next);
        ImapIterator<Integer> again = pool.imapUnordered(PoolTasks::sqr, sayWhen(1, -1), 1);
        assertThrows(SayWhenError.class, again::next);

        for (int[] totalWhenChunk : new int[][] {{10, 3, 1}, {20, 7, 2}}) {
            ImapIterator<Integer> it = pool.imapUnordered(PoolTasks::sqr,
                    sayWhen(totalWhenChunk[0], totalWhenChunk[1]), totalWhenChunk[2]);
            List<Integer> expected = new ArrayList<>(squares(totalWhenChunk[0]));
            assertThrows(SayWhenError.class, () -> {
                for (int i = 0; i < totalWhenChunk[0]; i++) {
                    Integer value = it.next();
                    assertTrue(expected.remove(value), value + " twice or unexpected");
                }
            });
        }
    }

    @Test
    void testMakePool() throws Exception {
        assertRaises(VALUE_ERROR, () -> newPool(-1));
        assertRaises(VALUE_ERROR, () -> newPool(0));
        Pool p = newPool(3);
        try {
            assertEquals(3, p.processes());
            assertEquals(3, p.state().workers().size());
        } finally {
            p.close();
            p.join();
        }
    }

    @Test
    void testTerminate() throws Exception {
        Pool p = newPool(3);
        AsyncResult<List<Integer>> result = p.mapAsync(ms -> sqr(0, ms), Collections.nCopies(10_000, 300_000), 1);
        Thread.sleep(200); // some tasks start
        p.terminate();
        assertTrue(p.join(BOUND));
        assertThrows(CancellationException.class, () -> result.get(BOUND));
    }

    @Test
    void testEmptyIterable() throws Exception {
        assertEquals(List.of(), pool.map(PoolTasks::sqr, List.<Integer>of()));
        assertFalse(pool.imap(PoolTasks::sqr, List.<Integer>of()).hasNext());
        assertFalse(pool.imapUnordered(PoolTasks::sqr, List.<Integer>of()).hasNext());
        assertEquals(List.of(), pool.mapAsync(PoolTasks::sqr, List.<Integer>of()).get(BOUND));
    }

    @Test
    void testContext() throws Exception {
        processesOnly();
        Pool p = newPool(2);
        try (p) {
            assertEquals(squares(10), p.mapAsync(PoolTasks::sqr, range(10)).get(BOUND));
        }
        p.join();
        assertRaises(VALUE_ERROR_STATE, () -> p.mapAsync(PoolTasks::sqr, range(10)));
    }

    @Test
    void testTraceback() throws Exception {
        processesOnly();
        RuntimeException exc = assertThrows(RuntimeException.class, () -> pool.apply(() -> {
            throw new RuntimeException("123");
        }));
        assertEquals(RuntimeException.class, exc.getClass());
        assertEquals("123", exc.getMessage());
        RemoteTraceback cause = assertInstanceOf(RemoteTraceback.class, exc.getCause());
        assertTrue(List.of(cause.getStackTrace()).stream().anyMatch(f -> f.getClassName().startsWith(TestPool.class.getName())),
                "the worker's stack names the task's frame");
        // an error of the iterable, raised in this JVM, is not dressed as a remote one
        SayWhenError local = assertThrows(SayWhenError.class, () -> pool.map(PoolTasks::sqr, sayWhen(1, -1), 1));
        assertNull(local.getCause());
    }

    @Test
    void testWrappedException() {
        assertThrows(RuntimeException.class, () -> pool.apply(() -> {
            throw new RuntimeException("foo");
        }));
    }

    @Test
    void testMapNoFailfast() throws Exception {
        long start = System.nanoTime();
        Pool p = newPool(2);
        try {
            assertRaises(VALUE_ERROR, () -> p.map(wait -> {
                Thread.sleep(wait);
                throw new IllegalArgumentException("x".repeat(1 << 20));
            }, List.of(0, 1)));
        } finally {
            Thread.sleep(500);
            p.close();
            assertTrue(p.join(BOUND), "close and join after a failed map do not hang");
        }
        assertTrue(System.nanoTime() - start > Duration.ofMillis(500).toNanos());
    }
}
