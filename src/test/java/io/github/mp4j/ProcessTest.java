package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessTest {

    @Test
    void runsInAnotherJvmAndExitsZero() throws Exception {
        Pipe pipe = Pipe.open();
        Connection child = pipe.conn2();
        Process p = new Process(() -> child.send(ProcessHandle.current().pid()));
        assertNull(p.pid());
        assertNull(p.exitCode());
        p.start();
        child.close();
        long childPid = (Long) pipe.conn1().recv();
        p.join(Duration.ofSeconds(30));
        assertEquals(0, p.exitCode());
        assertEquals(p.pid(), childPid);
        assertNotEquals(ProcessHandle.current().pid(), childPid);
    }

    @Test
    void exceptionGivesExitCodeOne() throws Exception {
        Process p = new Process(() -> { throw new IllegalStateException("boom"); });
        p.start();
        p.join(Duration.ofSeconds(30));
        assertEquals(1, p.exitCode());
    }

    @Test
    void startTwiceAndJoinBeforeStart() throws Exception {
        Process p = new Process(() -> {});
        assertEquals("can only join a started process",
                assertThrows(IllegalStateException.class, p::join).getMessage());
        p.start();
        assertEquals("cannot start a process twice",
                assertThrows(IllegalStateException.class, p::start).getMessage());
        p.join(Duration.ofSeconds(30));
        assertFalse(p.isAlive());
    }

    @Test
    void terminateGivesMinus15() throws Exception {
        Process p = new Process(() -> Thread.sleep(60_000));
        p.start();
        assertTrue(p.isAlive());
        p.terminate();
        p.join(Duration.ofSeconds(30));
        assertEquals(-15, p.exitCode());
    }
}
