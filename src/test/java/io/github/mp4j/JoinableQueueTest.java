package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.NotSerializableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The class-wide timeout bounds the waits that have none of their own (Python's {@code get} has none). */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JoinableQueueTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void joinReturnsOnceConsumersInOtherProcessesHaveMarkedEveryTaskDone() throws Exception {
        JoinableQueue work = new JoinableQueue();
        Queue results = new Queue();
        List<Process> consumers = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            Process consumer = new Process(() -> {
                for (Object job; (job = work.get()) != null; work.taskDone()) {
                    Thread.sleep(2); // the work; join must wait for it
                    results.put(job);
                }
                work.taskDone(); // the sentinel is a task too
            });
            consumer.start();
            consumers.add(consumer);
        }
        Process joiner = new Process(() -> {
            work.join();
            results.put("joined in a child");
        });
        int jobs = 100;
        for (int i = 0; i < jobs; i++) {
            work.put(i);
        }
        joiner.start();
        assertTrue(work.join(BOUND));
        assertEquals(0, work.unfinishedTasks());
        // the joining child's line may be there too
        assertTrue(results.qsize() >= jobs, "every result was put before its taskDone");
        Set<Object> got = new HashSet<>();
        for (int i = 0; i < jobs + 1; i++) {
            got.add(results.get(BOUND));
        }
        assertTrue(got.remove("joined in a child"));
        assertEquals(jobs, got.size());
        for (int c = 0; c < consumers.size(); c++) {
            work.put(null);
        }
        assertTrue(work.join(BOUND));
        for (Process p : consumers) {
            p.join(BOUND);
            assertEquals(0, p.exitCode());
        }
        joiner.join(BOUND);
        assertEquals(0, joiner.exitCode());
    }

    /** The example of {@link JoinableQueue}'s Javadoc. */
    @Test
    void theJavadocExampleRuns() throws Exception {
        JoinableQueue work = new JoinableQueue();
        Process worker = new Process(() -> {
            while (true) {
                Object job = work.get();
                System.out.println("done " + job);
                work.taskDone();
            }
        });
        worker.setDaemon(true);
        worker.start();
        for (int i = 0; i < 10; i++) work.put(i);
        assertTrue(work.join(BOUND)); // the example's join(), bounded
        worker.terminate();
        worker.join(BOUND);
        assertFalse(worker.isAlive());
    }

    @Test
    void aWarmStartedChildFinishesTasksToo() throws Exception {
        JoinableQueue q = new JoinableQueue();
        Process consumer = new Process(() -> {
            q.get();
            q.taskDone();
        });
        q.put("job");
        consumer.start(StartMethod.WARM);
        assertTrue(q.join(BOUND));
        consumer.join(BOUND);
        assertEquals(0, consumer.exitCode());
    }

    @Test
    void taskDoneCalledTooOftenFailsAsInPython() throws Exception {
        JoinableQueue q = new JoinableQueue(1);
        assertEquals("task_done() called too many times",
                assertThrows(IllegalStateException.class, q::taskDone).getMessage());
        q.put("a");
        assertThrows(Queue.Full.class, () -> q.putNowait("b"));
        assertEquals(1, q.unfinishedTasks(), "a refused put adds no task");
        assertThrows(NotSerializableException.class, () -> q.put(new Object()));
        assertEquals(1, q.unfinishedTasks(), "an unserializable item adds no task");
        assertEquals("a", q.get(BOUND));
        q.taskDone();
        assertThrows(IllegalStateException.class, q::taskDone);
        assertEquals(0, q.unfinishedTasks());
        assertTrue(q.join(Duration.ZERO));
        assertEquals("<JoinableQueue(qsize=0, maxsize=1)>", q.toString());
    }

    @Test
    void joinWithATimeoutGivesUp() throws Exception {
        JoinableQueue q = new JoinableQueue();
        q.put(1);
        long start = System.nanoTime();
        assertFalse(q.join(Duration.ofMillis(100)));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(100).toNanos());
        assertFalse(q.join(Duration.ofMillis(-5)), "a negative timeout counts as zero");
        q.get(BOUND);
        assertFalse(q.join(Duration.ZERO), "taken is not done");
        q.taskDone();
        assertTrue(q.join(Duration.ZERO));
        q.put(2);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, q::join);
        assertFalse(Thread.interrupted());
    }

    @Test
    void aConsumerKilledBeforeTaskDoneLeavesItsTaskUnfinished() throws Exception {
        JoinableQueue q = new JoinableQueue();
        Event took = new Event();
        Process consumer = new Process(() -> {
            q.get();
            took.set();
            Thread.sleep(BOUND.toMillis()); // killed before it marks the task done
        });
        consumer.start();
        q.put("lost");
        assertTrue(took.await(BOUND));
        consumer.kill();
        consumer.join(BOUND);
        assertFalse(consumer.isAlive());
        assertFalse(q.join(Duration.ofMillis(200)), "as in Python, the dead consumer's task stays unfinished");
        assertEquals(1, q.unfinishedTasks());
        q.put("next"); // the queue itself goes on
        assertEquals("next", q.get(BOUND));
        q.taskDone();
        assertFalse(q.join(Duration.ofMillis(50)));
        q.taskDone(); // someone who knows stands in for the dead consumer
        assertTrue(q.join(BOUND));
    }

    @Test
    void aProcessKilledWhileJoiningDisturbsNobody() throws Exception {
        JoinableQueue q = new JoinableQueue();
        Queue joined = new Queue();
        q.put("job");
        Process survivor = new Process(() -> {
            q.join();
            joined.put("survivor");
        });
        survivor.start();
        KilledWhileBlocked.in(() -> {
            q.join();
            joined.put("victim");
        });
        assertEquals("job", q.get(BOUND));
        q.taskDone();
        assertTrue(q.join(BOUND));
        assertEquals("survivor", joined.get(BOUND));
        survivor.join(BOUND);
        assertEquals(0, survivor.exitCode());
        assertTrue(joined.empty());
    }
}
