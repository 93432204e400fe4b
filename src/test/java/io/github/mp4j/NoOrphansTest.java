package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** No child JVM outlives its parent. */
class NoOrphansTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    /** Starts a middle process that starts a sleeping grandchild and reports the grandchild's pid. */
    private static long startMiddleWithGrandchild(Process[] middleOut, boolean daemonGrandchild) throws Exception {
        Pipe pipe = Pipe.open(false);
        Connection report = pipe.conn2();
        Process middle = new Process(() -> {
            Process grandchild = new Process(() -> Thread.sleep(60_000));
            grandchild.setDaemon(daemonGrandchild);
            grandchild.start();
            report.send(grandchild.pid());
            if (!daemonGrandchild) {
                Thread.sleep(60_000);
            }
        });
        middle.start();
        report.close();
        assertTrue(pipe.conn1().poll(BOUND));
        long pid = (Long) pipe.conn1().recv();
        pipe.conn1().close();
        middleOut[0] = middle;
        return pid;
    }

    /**
     * Whether a process that is not our child has ended. It may linger as a zombie until whoever
     * inherited it reaps it; that counts as ended.
     */
    private static boolean hasExited(long pid) throws java.io.IOException {
        java.nio.file.Path stat = java.nio.file.Path.of("/proc/" + pid + "/stat");
        try {
            String text = java.nio.file.Files.readString(stat);
            return text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.nio.file.NoSuchFileException e) {
            return true;
        }
    }

    @Test
    void childrenOfAParentKilledWithSigkillExitWithinTwoSeconds() throws Exception {
        Process[] middle = new Process[1];
        long grandchild = startMiddleWithGrandchild(middle, false);
        assertFalse(hasExited(grandchild));
        middle[0].kill();
        middle[0].join(BOUND);
        assertEquals(-9, middle[0].exitCode());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!hasExited(grandchild) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(hasExited(grandchild), "the orphaned grandchild still runs 2 s after its parent was killed");
    }

    @Test
    void daemonChildrenEndWhenTheirParentExits() throws Exception {
        Process[] middle = new Process[1];
        long grandchild = startMiddleWithGrandchild(middle, true);
        middle[0].join(BOUND);
        assertEquals(0, middle[0].exitCode());
        assertTrue(hasExited(grandchild), "a parent's exit terminates its daemon children first");
    }

    @Test
    void aParentWaitsForItsNonDaemonChildrenBeforeExiting() throws Exception {
        Pipe pipe = Pipe.open(false);
        Connection report = pipe.conn2();
        Process middle = new Process(() -> {
            Process grandchild = new Process(() -> {
                Thread.sleep(500);
                report.send("grandchild done");
            });
            grandchild.start();
            // returning here must not end the grandchild: Python joins non-daemon children at exit
        });
        middle.start();
        report.close();
        middle.join(BOUND);
        assertEquals(0, middle.exitCode());
        assertTrue(pipe.conn1().poll(Duration.ZERO), "the middle process exited only after its child finished");
        assertEquals("grandchild done", pipe.conn1().recv());
        pipe.conn1().close();
    }

    @Test
    void aDaemonProcessMayNotHaveChildren() throws Exception {
        Pipe pipe = Pipe.open(false);
        Connection report = pipe.conn2();
        Process daemon = new Process(() -> {
            try {
                new Process(() -> {}).start();
                report.send("started");
            } catch (IllegalStateException e) {
                report.send(e.getMessage());
            }
        });
        daemon.setDaemon(true);
        daemon.start();
        report.close();
        assertEquals("daemonic processes are not allowed to have children", pipe.conn1().recv());
        daemon.join(BOUND);
        pipe.conn1().close();
    }
}
