package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A child JVM's exit does not wait for its threads blocked in reads of pipes: HotSpot's exit waits
 * at least 310 ms (31 rounds of 10 ms) for each thread in a native call, so a child that still
 * paid it can never end within {@value #SYMPTOM_MS} ms of its task. Each test tries up to
 * {@value #ATTEMPTS} children and passes on the first that ends sooner, so a loaded machine that
 * slows one exit does not fail it; without the exit path's ending of reads, every attempt fails.
 */
class ChildExitTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final long SYMPTOM_MS = 300;
    private static final int ATTEMPTS = 5;

    @Test
    void aChildWhoseThreadIsBlockedReadingAPipeExitsWithoutTheJvmsWait() throws Exception {
        assertSomeChildEndsPromptly("from its task's end to its exit", false);
    }

    @Test
    void aTerminatedChildWithAThreadBlockedReadingAPipeEndsByTheSignalWithoutTheWait() throws Exception {
        assertSomeChildEndsPromptly("from SIGTERM to its exit", true);
    }

    /**
     * Starts children whose task leaves a thread blocked reading a pipe (whose other end we hold
     * open), one after another until one ends within {@value #SYMPTOM_MS} ms of its task's end
     * ({@code terminate}: of our SIGTERM, the task sleeping meanwhile).
     */
    private static void assertSomeChildEndsPromptly(String what, boolean terminate) throws Exception {
        List<Long> gaps = new ArrayList<>();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Pipe blocked = Pipe.open();
            Pipe report = Pipe.open();
            Connection readBlocked = blocked.conn2();
            Connection tell = report.conn2();
            Process p = new Process(() -> {
                blockReading(readBlocked);
                tell.send("reading");
                if (terminate) {
                    Thread.sleep(60_000);
                }
            });
            p.start();
            readBlocked.close();
            tell.close();
            try {
                assertTrue(report.conn1().poll(BOUND), "no word from the child");
                assertEquals("reading", report.conn1().recv());
                long from = System.nanoTime();
                if (terminate) {
                    p.terminate();
                }
                p.join(BOUND);
                gaps.add((System.nanoTime() - from) / 1_000_000);
                // with SIGTERM, the control reader's end of file comes from the child's own exit
                // path, which is not its parent's death (that would halt with status 1)
                assertEquals(terminate ? -15 : 0, p.exitCode());
            } finally {
                blocked.conn1().close();
                report.conn1().close();
                p.kill();
                p.join(BOUND);
            }
            if (gaps.get(gaps.size() - 1) < SYMPTOM_MS) {
                return;
            }
        }
        throw new AssertionError("every child took " + SYMPTOM_MS + " ms or more " + what + ": " + gaps);
    }

    @Test
    void aTaskThatCallsSystemExitEndsWithItsStatusWhileAThreadReadsAPipe() throws Exception {
        Pipe blocked = Pipe.open();
        Connection readBlocked = blocked.conn2();
        Process p = new Process(() -> {
            blockReading(readBlocked);
            System.exit(7);
        });
        p.start();
        readBlocked.close();
        try {
            p.join(BOUND);
            assertTrue(!p.isAlive(), "the child still runs after " + BOUND);
            assertEquals(7, p.exitCode());
        } finally {
            blocked.conn1().close();
            p.kill();
        }
    }

    /** Starts a daemon thread in this (child) JVM that reads {@code end}, and returns once it is blocked there. */
    private static void blockReading(Connection end) throws InterruptedException {
        Thread reader = new Thread(() -> {
            try {
                end.recv();
            } catch (java.io.IOException endedByTheExit) {
                // what the exit path delivers
            }
        }, "blocked-reader");
        reader.setDaemon(true);
        reader.start();
        while (reader.getState() != Thread.State.RUNNABLE) {
            Thread.sleep(1);
        }
        Thread.sleep(20); // into its native read, which Java reports as RUNNABLE too
    }
}
