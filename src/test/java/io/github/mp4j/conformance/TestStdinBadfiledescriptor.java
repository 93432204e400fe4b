package io.github.mp4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mp4j.Pool;
import io.github.mp4j.Process;
import io.github.mp4j.Queue;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CPython's {@code TestStdinBadfiledescriptor}: a child, whose standard input is not the
 * parent's, can still make queues, processes and pools.
 */
@NotApplicable(method = "test_flushing", reason = "a file-like object that caches per pid across fork; it "
        + "starts no process, and Java streams are not shared by forking")
class TestStdinBadfiledescriptor {

    @Test
    void testQueueInProcess() throws Exception {
        Process proc = new Process(() -> {
            if (System.in.read() != -1) {
                throw new AssertionError("a child's System.in is empty");
            }
            Queue queue = new Queue();
            Process sub = new Process(() -> queue.put("from the grandchild"));
            sub.setDaemon(true);
            sub.start();
            if (!"from the grandchild".equals(queue.get(PerStartMethod.BOUND))) {
                throw new AssertionError("queue");
            }
            sub.join(PerStartMethod.BOUND);
        });
        proc.start();
        PerStartMethod.join(proc);
        assertEquals(0, proc.exitCode());
    }

    @Test
    void testPoolInProcess() throws Exception {
        Process proc = new Process(() -> {
            try (Pool pool = new Pool(2)) {
                List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3, 4, 5, 6, 7));
                if (!squares.equals(List.of(1, 4, 9, 16, 25, 36, 49))) {
                    throw new AssertionError(squares);
                }
            }
        });
        proc.start();
        PerStartMethod.join(proc);
        assertEquals(0, proc.exitCode());
    }
}
