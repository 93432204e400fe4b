package io.github.mp4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.Connection;
import io.github.mp4j.Context;
import io.github.mp4j.Pipe;
import io.github.mp4j.Process;
import io.github.mp4j.Queue;
import io.github.mp4j.StartMethod;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** CPython's {@code TestStartMethod}. */
@NotApplicable(method = "test_context_check_module_types", reason = "the forkserver's preload list of module "
        + "names; a warm JVM has its class path, which the compiler types")
@NotApplicable(method = "test_preload_resources", reason = "the forkserver's module preloading; see "
        + "test_context_check_module_types")
class TestStartMethod {

    private static final Duration BOUND = PerStartMethod.BOUND;

    /** CPython's {@code check_context}: a child of {@code ctx} reports its start method's context. */
    private static void checkContext(Context ctx) throws Exception {
        Pipe pipe = Pipe.open(false);
        Connection w = pipe.conn2();
        Process p = ctx.process(() -> w.send(Process.getStartMethod().name()));
        p.start();
        w.close();
        Connection r = pipe.conn1();
        assertTrue(r.poll(BOUND));
        Object childMethod = r.recv();
        r.close();
        PerStartMethod.join(p);
        assertEquals(0, p.exitCode());
        assertEquals(StartMethod.SPAWN.name(), childMethod);
    }

    @Test
    @Deliberate("a Context has no set_start_method to refuse (its start method is final), and a child reports "
            + "its own JVM's default start method, SPAWN, not its parent's context")
    void testContext() throws Exception {
        for (StartMethod method : StartMethod.values()) {
            Context ctx = Process.context(method);
            assertEquals(method, ctx.startMethod());
            checkContext(ctx);
        }
    }

    @Test
    void testSetGet() throws Exception {
        StartMethod old = Process.getStartMethod();
        try {
            for (StartMethod method : StartMethod.values()) {
                Process.setStartMethod(method);
                assertEquals(method, Process.getStartMethod());
                Process p = new Process(() -> { });
                p.start();
                PerStartMethod.join(p);
                assertEquals(0, p.exitCode());
            }
        } finally {
            Process.setStartMethod(old);
        }
        assertThrows(NullPointerException.class, () -> Process.setStartMethod(null));
    }

    @Test
    void testGetAll() {
        assertEquals(List.of(StartMethod.SPAWN, StartMethod.WARM), List.of(StartMethod.values()));
    }

    @Test
    void testMixedStartmethod() throws Exception {
        // a queue made outside any context works with the processes of every start method
        for (StartMethod method : StartMethod.values()) {
            Queue queue = new Queue();
            Process p = Process.context(method).process(() -> queue.put("ok"));
            p.start();
            assertEquals("ok", queue.get(BOUND));
            PerStartMethod.join(p);
            queue.close();
        }
    }

    @Test
    void testNestedStartmethod() throws Exception {
        // a child passes what it captured on to a grandchild of its own
        Queue queue = new Queue();
        Process p = new Process(() -> {
            queue.put(2);
            Process inner = new Process(() -> queue.put(1));
            inner.start();
            inner.join(Duration.ofSeconds(60));
        });
        p.start();
        PerStartMethod.join(p);
        assertEquals(Set.of(1, 2), Set.of(queue.get(BOUND), queue.get(BOUND)));
        queue.close();
    }
}
