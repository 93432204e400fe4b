package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Proxies in child processes: the notes' example, nested proxies, registered types. */
@Timeout(600)
class ManagerProcessTest {

    private static final Duration BOUND = Duration.ofSeconds(120);

    /**
     * The notes' example: 100 processes each take the lock and decrement count from 100. Tagged
     * "hundred-jvms": the second JDK's run (pom profile temurin-25) skips it to save CI time, since
     * the other tests here already cover proxies in processes on that JDK.
     */
    @Test
    @Tag("hundred-jvms")
    void hundredProcessesWithTheLockEndAtExactlyZero() throws Exception {
        try (Manager manager = Manager.start()) {
            DictProxy<String, Integer> d = manager.dict();
            AcquirerProxy lock = manager.lock();
            d.put("count", 100);
            List<Process> workers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                Process p = new Process(() -> {
                    try (Held held = lock.hold()) {
                        d.put("count", d.get("count") - 1);
                    }
                });
                p.start();
                workers.add(p);
            }
            for (Process p : workers) {
                p.join(BOUND);
                assertEquals(0, p.exitCode(), p.toString());
            }
            assertEquals(0, d.get("count"));
        }
    }

    /** compute needs no lock: four processes, 200 decrements each, exact. */
    @Test
    void computeIsExactWithoutALock() throws Exception {
        try (Manager manager = Manager.start()) {
            DictProxy<String, Integer> d = manager.dict();
            d.put("count", 800);
            List<Process> workers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Process p = new Process(() -> {
                    for (int k = 0; k < 200; k++) {
                        d.compute("count", (key, v) -> v - 1);
                    }
                });
                p.start();
                workers.add(p);
            }
            for (Process p : workers) {
                p.join(BOUND);
                assertEquals(0, p.exitCode());
            }
            assertEquals(0, d.get("count"));
        }
    }

    /**
     * The notes' decrement through a variable typed {@code Map}: eight processes, each 50 times
     * through {@code merge} with {@code Integer::sum} and 50 times through {@code compute} with a
     * lambda, neither of which can travel into the manager; exact all the same.
     */
    @Test
    void eightProcessesDecrementingThroughAMapEndAtExactlyZero() throws Exception {
        int processes = 8;
        int rounds = 50;
        try (Manager manager = Manager.start()) {
            DictProxy<String, Integer> d = manager.dict(Map.of("count", processes * rounds * 2));
            List<Process> workers = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                Process p = new Process(() -> {
                    Map<String, Integer> m = d;
                    for (int k = 0; k < rounds; k++) {
                        m.merge("count", -1, Integer::sum);
                        m.compute("count", (key, v) -> v - 1);
                    }
                });
                p.start();
                workers.add(p);
            }
            for (Process p : workers) {
                p.join(BOUND);
                assertEquals(0, p.exitCode(), "a worker failed (its error output is above)");
            }
            assertEquals(0, d.get("count"));
        }
    }

    /** A proxy stored in another shared object stays connected: a child's change shows through both. */
    @Test
    void nestedProxiesSeeEachOthersUpdates() throws Exception {
        try (Manager manager = Manager.start()) {
            DictProxy<String, Object> outer = manager.dict();
            ListProxy<String> inner = manager.list();
            outer.put("log", inner);
            Process p = new Process(() -> {
                @SuppressWarnings("unchecked")
                ListProxy<String> log = (ListProxy<String>) outer.get("log");
                log.add("from child " + Process.current().name());
                outer.put("done", true);
            });
            p.start();
            p.join(BOUND);
            assertEquals(0, p.exitCode());
            assertEquals(1, inner.size());
            assertTrue(inner.get(0).startsWith("from child Process-"));
            @SuppressWarnings("unchecked")
            ListProxy<String> again = (ListProxy<String>) outer.get("log");
            assertEquals(inner.copy(), again.copy());
            assertEquals("{log=[" + inner.get(0) + "], done=true}", outer.toString(),
                    "the manager prints the nested list's contents");
        }
    }

    /** Every proxy type travels into a child and works there. */
    @Test
    void proxiesWorkInsideProcesses() throws Exception {
        try (Manager manager = Manager.start()) {
            Namespace ns = manager.namespace();
            ValueProxy<Integer> v = manager.value(1);
            QueueProxy<String> q = manager.queue();
            EventProxy go = manager.event();
            BarrierProxy barrier = manager.barrier(2);
            Process p = new Process(() -> {
                go.await(Duration.ofSeconds(60));
                ns.set("child", Process.current().name());
                v.update(x -> x + 41);
                q.put("hello");
                barrier.await(Duration.ofSeconds(60));
            });
            p.start();
            go.set();
            assertEquals("hello", q.get(Duration.ofSeconds(60)));
            barrier.await(Duration.ofSeconds(60));
            p.join(BOUND);
            assertEquals(0, p.exitCode());
            assertEquals(42, v.get());
            assertEquals(p.name(), ns.get("child"));
        }
    }

    public interface CounterApi {
        int increment();

        int value();

        void reset();

        int add(int n) throws java.io.IOException;
    }

    /** A user type: not implementing CounterApi on purpose; reset() is not exposed. */
    public static final class Counter implements Serializable {
        private int n;

        public synchronized int increment() {
            return ++n;
        }

        public synchronized int value() {
            return n;
        }

        public synchronized int add(int k) throws java.io.IOException {
            if (k < 0) {
                throw new java.io.IOException("negative: " + k);
            }
            return n += k;
        }

        @Override
        public synchronized String toString() {
            return "Counter(" + n + ")";
        }
    }

    @Test
    void registeredTypesExposeTheirPublicMethods() throws Exception {
        try (Manager manager = Manager.start()) {
            manager.register("Counter", Counter::new);
            CounterApi c = manager.create("Counter", CounterApi.class);
            assertEquals(1, c.increment());
            Process p = new Process(() -> c.add(10));
            p.start();
            p.join(BOUND);
            assertEquals(0, p.exitCode());
            assertEquals(11, c.value());
            assertEquals("Counter(11)", c.toString());
            RemoteError e = assertThrows(RemoteError.class, c::reset);
            assertEquals("method 'reset' is not exposed by Counter", e.getMessage());
            java.io.IOException io = assertThrows(java.io.IOException.class, () -> c.add(-1));
            assertEquals("negative: -1", io.getMessage());
            assertThrows(RemoteError.class, () -> manager.create("Nothing", CounterApi.class));
            assertThrows(IllegalArgumentException.class, () -> manager.create("Counter", Counter.class));
        }
    }
}
