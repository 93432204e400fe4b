package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
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
    private static boolean hasExited(long pid) {
        java.nio.file.Path stat = java.nio.file.Path.of("/proc/" + pid + "/stat");
        try {
            String text = java.nio.file.Files.readString(stat);
            return text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.nio.file.NoSuchFileException e) {
            return true;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
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
        assertTrue(Eventually.holds(Duration.ofSeconds(2), Duration.ofMillis(10), () -> hasExited(grandchild)),
                "the orphaned grandchild still runs 2 s after its parent was killed");
    }

    /**
     * The parent JVM is killed while its own parent does not reap it, so it stays a zombie, which
     * {@link ProcessHandle#isAlive} still counts as alive (a container's init that reaps late, or a
     * busy one, does the same). The child must not take its closed control channel for a signalled
     * shutdown of its own: it used to wait half a second for one.
     */
    @Test
    void childrenOfAParentKilledWithSigkillExitAtOnceEvenWhileItIsNotReaped() throws Exception {
        // sh starts the parent JVM, then becomes a sleep that never reaps it
        java.lang.Process shell = new ProcessBuilder("sh", "-c", "\"$@\" & echo $!; exec sleep 120", "sh",
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StartsAChild.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long parent = -1;
        long child = -1;
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(
                    shell.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            String[] lines = assertTimeoutPreemptively(BOUND, () -> new String[] {out.readLine(), out.readLine()});
            parent = Long.parseLong(lines[0]);
            assertTrue(lines[1] != null && lines[1].startsWith("child "), "the parent JVM did not start its child");
            child = Long.parseLong(lines[1].substring("child ".length()));
            ProcessHandle.of(parent).orElseThrow().destroyForcibly();
            long killed = parent;
            Eventually.holds(BOUND, Duration.ofMillis(1), () -> hasExited(killed));
            assertTrue(ProcessHandle.of(parent).isPresent(), "the killed parent is still there, unreaped");
            long parentGone = System.nanoTime();
            long orphan = child;
            Eventually.holds(BOUND, Duration.ofMillis(5), () -> hasExited(orphan));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - parentGone);
            assertTrue(hasExited(child), "the orphan still runs " + BOUND + " after its parent was killed");
            assertTrue(waited < 300, "the orphan ran on for " + waited + " ms after its parent's death");
        } finally {
            for (long pid : new long[] {child, parent}) {
                if (pid > 0) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            shell.destroyForcibly();
            shell.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** A parent JVM: starts a sleeping child, says its pid once it runs, and waits to be killed. */
    public static final class StartsAChild {
        public static void main(String[] args) throws Exception {
            Pipe pipe = Pipe.open(false);
            Connection running = pipe.conn2();
            Process child = new Process(() -> {
                running.send("running");
                Thread.sleep(120_000);
            });
            child.start();
            running.close();
            pipe.conn1().recv();
            System.out.println("child " + child.pid());
            System.out.flush();
            Thread.sleep(120_000);
        }
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
