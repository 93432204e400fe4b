package io.github.mp4j.wire;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class SpinPolicyTest {

    @Test
    void pollsWhileWaitsAreShortAndSleepsAfterALongOne() {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one CPU: never polls");
        SpinPolicy policy = new SpinPolicy();
        assertTrue(policy.shouldPoll(), "a fresh reader polls");
        policy.waited(SpinPolicy.SPIN_NANOS + 1);
        assertTrue(policy.shouldPoll(), "a wait just past the poll still counts as short");
        policy.waited(10_000_000);
        assertFalse(policy.shouldPoll(), "after an idle wait the reader sleeps at once");
        assertFalse(policy.shouldPoll(), "and keeps sleeping until a wait is short again");
        policy.waited(20_000);
        assertTrue(policy.shouldPoll());
    }
}
