package io.github.mp4j.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.Eventually;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool of warm child JVMs: trained before they are handed out, as many as the starts need. */
class WarmPoolTest {

    @AfterEach
    void endTheIdleChildren() {
        Children.endAll();
    }

    /**
     * An idle child reports that it has trained its task paths; take() hands out a trained child,
     * which then runs a real task.
     */
    @Test
    void aWarmChildIsTrainedBeforeItIsHandedOut() throws Exception {
        WarmPool.refill();
        ChildJvm trained = Eventually.valueOf(Duration.ofSeconds(60), () -> WarmPool.idle().stream()
                .filter(c -> c.trained().isDone()).findFirst().orElse(null));
        assertNotNull(trained, "an idle child trained within the bound: " + WarmPool.idle());
        ChildJvm taken = WarmPool.take();
        assertTrue(taken.trained().isDone(), "take() hands out the trained child first");
        ChildTask task = () -> 7;
        taken.start(TaskMessage.encode(task), false);
        assertTrue(taken.awaitExit(30, TimeUnit.SECONDS));
        assertEquals(7, taken.exitCode());
    }

    /**
     * With no recent starts the pool keeps mp4j.warm.idle children; starts faster than a child
     * boots raise the target up to mp4j.warm.maxIdle (twice the CPUs); starts older than the
     * window no longer count.
     */
    @Test
    void theNumberOfIdleChildrenFollowsTheRateOfStarts() {
        long now = System.nanoTime();
        assertEquals(WarmPool.MIN_IDLE, WarmPool.target(now + TimeUnit.SECONDS.toNanos(10)), "no recent starts");
        assertEquals(2 * Runtime.getRuntime().availableProcessors(), WarmPool.MAX_IDLE);
        for (int i = 0; i < 50; i++) {
            WarmPool.noteStart(now);
        }
        assertEquals(WarmPool.MAX_IDLE, WarmPool.target(now), "25 starts a second need more than the CPUs' cap");
        assertEquals(WarmPool.MIN_IDLE, WarmPool.target(now + TimeUnit.SECONDS.toNanos(3)), "and the rate decays");
    }
}
