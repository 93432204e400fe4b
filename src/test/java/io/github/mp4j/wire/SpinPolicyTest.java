package io.github.mp4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class SpinPolicyTest {

    /** How many waits sleep at once before the policy polls again. */
    private static int sleepsBeforeNextPoll(SpinPolicy policy) {
        int sleeps = 0;
        while (!policy.shouldPoll()) {
            sleeps++;
            assertTrue(sleeps <= SpinPolicy.MAX_SKIPPED, "the policy never polls again");
        }
        return sleeps;
    }

    @Test
    void pollsWhilePollsCatchDataAndBacksOffWhenTheyDoNot() {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one CPU: never polls");
        SpinPolicy policy = new SpinPolicy();
        for (int i = 0; i < 5; i++) {
            assertEquals(0, sleepsBeforeNextPoll(policy), "a reader whose polls succeed keeps polling");
            policy.polled(true);
        }
        assertEquals(0, sleepsBeforeNextPoll(policy));
        for (int skipped : new int[] {1, 2, 4, 8, 16, 32, 64, 64, 64}) {
            policy.polled(false); // the poll just allowed caught nothing
            assertEquals(skipped, sleepsBeforeNextPoll(policy), "failed polls double the waits slept through");
        }
        policy.polled(true);
        assertEquals(0, sleepsBeforeNextPoll(policy), "one poll that catches data ends the back-off");
        policy.polled(false);
        assertEquals(1, sleepsBeforeNextPoll(policy));
    }
}
