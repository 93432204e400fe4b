package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.NotSerializableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Python parity for Pool: one pool of two worker JVMs serves every test that does not end it. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PoolTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = new Pool(2);
    }

    @AfterAll
    static void closePool() throws Exception {
        pool.terminate();
        assertTrue(pool.join(BOUND));
    }

    static int square(int x) {
        return x * x;
    }

    @Test
    void applyRunsInAWorkerJvm() throws Exception {
        long pid = pool.apply(() -> ProcessHandle.current().pid());
        assertNotEquals(ProcessHandle.current().pid(), pid);
        assertEquals(144, (int) pool.apply(() -> square(12)));
        String name = pool.apply(() -> Process.current().name());
        assertTrue(name.matches(pool.name() + "-worker-\\d+"), name);
    }

    @Test
    void mapKeepsInputOrderWithAnyChunksize() throws Exception {
        List<Integer> input = IntStream.range(0, 1000).boxed().collect(Collectors.toList());
        List<Integer> expected = input.stream().map(x -> x * x).collect(Collectors.toList());
        assertEquals(expected, pool.map(PoolTest::square, input));
        assertEquals(expected, pool.map(PoolTest::square, input, 1));
        assertEquals(expected, pool.map(PoolTest::square, input, 7));
        assertEquals(expected, pool.map(PoolTest::square, input, 5000));
        assertEquals(List.of("A", "BB"), pool.map(s -> s.toUpperCase(), List.of("a", "bb")));
        List<List<Integer>> nested = pool.map(x -> List.of(x, x), List.of(1, 2));
        assertEquals(List.of(List.of(1, 1), List.of(2, 2)), nested);
    }

    @Test
    void defaultChunksizeIsAQuarterOfAnEvenShare() throws Exception {
        // 100 items, 2 workers: ceil(100 / (4 * 2)) = 13 items per chunk, so 8 chunks (work items)
        long before = pool.state().completed();
        pool.map(PoolTest::square, IntStream.range(0, 100).boxed().collect(Collectors.toList()));
        assertEquals(8, pool.state().completed() - before);
        before = pool.state().completed();
        pool.imap(PoolTest::square, List.of(1, 2, 3)).forEachRemaining(x -> { });
        assertEquals(3, pool.state().completed() - before, "imap: one item per message");
    }

    @Test
    void manyCallsFromOnePlaceInTheCodeKeepTheirOwnCapturedValues() throws Exception {
        // one lambda shape, sent to each worker once; each call carries only what it captured
        List<AsyncResult<String>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            List<Integer> boxed = List.of(i, i + 1);   // not a compact value: serialized with the call
            results.add(pool.applyAsync(() -> square(n) + ":" + boxed));
        }
        for (int i = 0; i < 200; i++) {
            assertEquals(i * i + ":[" + i + ", " + (i + 1) + "]", results.get(i).get(BOUND));
        }
        assertEquals(0, (int) pool.apply(PoolTest::zero), "a method reference");
        assertEquals("x!", pool.apply(new Suffixed("x")), "not a lambda: serialized whole");
    }

    static final class Suffixed implements SerializableCallable<String> {
        private final String text;

        Suffixed(String text) {
            this.text = text;
        }

        @Override
        public String call() {
            return text + "!";
        }
    }

    @Test
    void managerProxiesWorkInPoolTasks() throws Exception {
        try (Manager manager = Manager.start()) {
            DictProxy<String, Integer> totals = manager.dict();
            AcquirerProxy lock = manager.lock();
            totals.put("locked", 0);
            pool.map(x -> {
                totals.merge("sum", x, Integer::sum);              // atomic in the manager
                try (Held held = lock.hold()) {                    // two calls, guarded
                    totals.put("locked", totals.get("locked") + 1);
                }
                return null;
            }, IntStream.rangeClosed(1, 40).boxed().collect(Collectors.toList()), 1);
            assertEquals(820, totals.get("sum"));
            assertEquals(40, totals.get("locked"));
        }
    }

    @Test
    void pipeEndsCannotTravelInPoolTasks() throws Exception {
        Pipe pipe = Pipe.open();
        Connection end = pipe.conn2();
        NotSerializableException e = assertThrows(NotSerializableException.class,
                () -> pool.apply(() -> { end.send(1); return 0; }));
        assertTrue(e.getMessage().contains("through inheritance"), e.getMessage());
        pipe.conn1().close();
        end.close();
    }

    @Test
    void emptyInputGivesEmptyResultAtOnce() throws Exception {
        assertEquals(List.of(), pool.map(PoolTest::square, List.of()));
        assertFalse(pool.imap(PoolTest::square, List.<Integer>of()).hasNext());
        assertEquals(List.of(), pool.starmap((Integer a, Integer b) -> a + b, List.<Map.Entry<Integer, Integer>>of()));
    }

    @Test
    void chunksizeBelowOneIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pool.map(PoolTest::square, List.of(1), 0));
        assertTrue(e.getMessage().contains("Chunksize must be 1+"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> pool.imap(PoolTest::square, List.of(1), -1));
    }

    @Test
    void imapInOrderAndUnorderedAsTheyFinish() throws Exception {
        ImapIterator<Integer> ordered = pool.imap(x -> { Thread.sleep(x); return x; }, List.of(300, 10, 200, 20));
        List<Integer> inOrder = new ArrayList<>();
        ordered.forEachRemaining(inOrder::add);
        assertEquals(List.of(300, 10, 200, 20), inOrder);
        assertThrows(NoSuchElementException.class, ordered::next);

        ImapIterator<Integer> unordered = pool.imapUnordered(x -> { Thread.sleep(x); return x; }, List.of(600, 10), 1);
        assertEquals(10, unordered.next(BOUND));
        assertEquals(600, unordered.next(BOUND));
        assertFalse(unordered.hasNext());
    }

    @Test
    void imapNextWithTimeoutAndFailuresAtTheirPosition() throws Exception {
        ImapIterator<Integer> it = pool.imap(x -> {
            if (x == 2) {
                throw new IllegalArgumentException("two");
            }
            Thread.sleep(x == 3 ? 1500 : 0);
            return x;
        }, List.of(1, 2, 3));
        assertEquals(1, it.next(BOUND));
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class, () -> it.next(BOUND));
        assertEquals("two", two.getMessage());
        assertThrows(TimeoutException.class, () -> it.next(Duration.ofMillis(50)));
        assertEquals(3, it.next(BOUND));
    }

    @Test
    void imapRaisesAnInputErrorAfterTheItemsReadBeforeIt() throws Exception {
        Iterable<Integer> failing = () -> new Iterator<>() {
            int i;
            public boolean hasNext() { return true; }
            public Integer next() {
                if (i == 2) throw new IllegalStateException("input broke");
                return i++;
            }
        };
        ImapIterator<Integer> it = pool.imap(PoolTest::square, failing);
        assertEquals(0, it.next(BOUND));
        assertEquals(1, it.next(BOUND));
        assertTrue(it.hasNext());
        assertEquals("input broke", assertThrows(IllegalStateException.class, it::next).getMessage());
        assertFalse(it.hasNext());
    }

    @Test
    void mapRaisesAnInputErrorDirectly() {
        Iterable<Integer> failing = () -> { throw new IllegalStateException("no input"); };
        assertEquals("no input", assertThrows(IllegalStateException.class,
                () -> pool.map(PoolTest::square, failing)).getMessage());
    }

    @Test
    void starmapUnpacksPairs() throws Exception {
        List<Map.Entry<Integer, Integer>> pairs = List.of(Map.entry(1, 2), Map.entry(3, 4), Map.entry(5, 6));
        assertEquals(List.of(3, 7, 11), pool.starmap((Integer a, Integer b) -> a + b, pairs));
        assertEquals(List.of("a1"), pool.starmapAsync((String s, Integer n) -> s + n, List.of(Map.entry("a", 1)), 1).get(BOUND));
    }

    @Test
    void workerExceptionKeepsTypeMessageAndRemoteTrace() throws Exception {
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> pool.apply(() -> 1 / zero()));
        assertEquals("/ by zero", e.getMessage());
        RemoteTraceback remote = assertInstanceOf(RemoteTraceback.class, e.getCause());
        assertTrue(remote.getMessage().contains("worker " + pool.name()), remote.getMessage());
        assertTrue(List.of(remote.getStackTrace()).stream().anyMatch(f -> f.getMethodName().contains("lambda")),
                "the cause carries the worker's frames");
        assertTrue(List.of(e.getStackTrace()).stream().anyMatch(f -> f.getMethodName().equals("get")
                || f.getClassName().equals(PoolTest.class.getName())), "thrown from the caller's side");

        // a checked exception keeps its type too
        java.io.IOException io = assertThrows(java.io.IOException.class,
                () -> pool.apply(() -> { throw new java.io.IOException("disk"); }));
        assertEquals("disk", io.getMessage());
    }

    static int zero() {
        return 0;
    }

    @Test
    void mapReportsTheFirstErrorOnlyAfterEveryChunkFinished() throws Exception {
        List<Integer> input = List.of(0, 1, 2, 3);
        AsyncResult<List<Integer>> r = pool.mapAsync(x -> {
            if (x == 0) {
                throw new IllegalStateException("chunk 0 failed");
            }
            Thread.sleep(800);
            return x;
        }, input, 1);
        assertFalse(r.await(Duration.ofMillis(300)), "not ready while chunks still run");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.get(BOUND));
        assertEquals("chunk 0 failed", e.getMessage());
        assertFalse(r.successful());
    }

    @Test
    void asyncResultTimeoutReadyAndSuccessful() throws Exception {
        AsyncResult<String> slow = pool.applyAsync(() -> { Thread.sleep(1000); return "done"; });
        assertFalse(slow.ready());
        assertThrows(IllegalStateException.class, slow::successful);
        assertThrows(TimeoutException.class, () -> slow.get(Duration.ofMillis(50)));
        assertEquals("done", slow.get(BOUND));
        assertTrue(slow.ready());
        assertTrue(slow.successful());
    }

    @Test
    void callbacksRunInThisJvmOnOneResultThread() throws Exception {
        List<Long> callbackPids = new CopyOnWriteArrayList<>();
        Set<String> threads = Collections.synchronizedSet(new HashSet<>());
        List<AsyncResult<Long>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(pool.applyAsync(() -> ProcessHandle.current().pid(), workerPid -> {
                callbackPids.add(ProcessHandle.current().pid());
                threads.add(Thread.currentThread().getName());
            }));
        }
        for (AsyncResult<Long> r : results) {
            assertNotEquals(ProcessHandle.current().pid(), r.get(BOUND), "the task ran in a worker");
        }
        // ready only after its callback ran
        assertEquals(6, callbackPids.size());
        assertTrue(callbackPids.stream().allMatch(p -> p == ProcessHandle.current().pid()));
        assertEquals(1, threads.size(), threads.toString());

        List<Throwable> errors = new CopyOnWriteArrayList<>();
        AsyncResult<Object> failing = pool.applyAsync(() -> { throw new IllegalStateException("x"); },
                v -> { }, errors::add);
        assertThrows(IllegalStateException.class, () -> failing.get(BOUND));
        assertEquals(1, errors.size());
        assertInstanceOf(IllegalStateException.class, errors.get(0));

        List<List<Integer>> mapped = new CopyOnWriteArrayList<>();
        pool.mapAsync(PoolTest::square, List.of(1, 2, 3), 1, mapped::add, null).get(BOUND);
        assertEquals(List.of(List.of(1, 4, 9)), mapped);
    }

    @Test
    void unserializableTaskArgumentOrResultFailsThatTaskOnly() throws Exception {
        Object notSerializable = new Object();
        AsyncResult<String> bad = pool.applyAsync(() -> notSerializable.toString());
        NotSerializableException e = assertThrows(NotSerializableException.class, () -> bad.get(BOUND));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());

        AsyncResult<Object> badResult = pool.applyAsync(() -> new Object());
        NotSerializableException r = assertThrows(NotSerializableException.class, () -> badResult.get(BOUND));
        assertTrue(r.getMessage().contains("result"), r.getMessage());

        List<Object> items = List.of(1, new Object(), 3);
        assertThrows(NotSerializableException.class, () -> pool.map(x -> x.hashCode(), items, 1));
        assertEquals(49, (int) pool.apply(() -> 7 * 7), "the pool goes on");
    }
}
