package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

/** The fault the queue tests inject: a child killed (SIGKILL) while it blocks in a call. */
final class KilledWhileBlocked {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private KilledWhileBlocked() {}

    /** Starts a child running {@code blocking}, kills it once it has had time to block there, and reaps it. */
    static void in(Task blocking) throws Exception {
        Event started = new Event();
        Process child = new Process(() -> {
            started.set();
            blocking.run();
        });
        child.start();
        assertTrue(started.await(BOUND));
        Thread.sleep(100); // let it reach the blocking call; harmless if it is not there yet
        child.kill();
        child.join(BOUND);
        assertFalse(child.isAlive());
    }
}
