package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.platform.NotYetPortable;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** Until a pool's worker pipe has a portable form, a Pool says so instead of waiting for workers. */
@EnabledIf(value = "io.github.mp4j.PortableDescriptorsTest#portable",
        disabledReason = "checks the portable transport; this run uses Linux's")
class PortablePoolTest {

    @Test
    void aPoolFailsItsTasksWithTheReasonInsteadOfWaiting() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (Pool pool = new Pool(1)) {
                IllegalStateException broken = assertThrows(IllegalStateException.class, () -> pool.apply(() -> 1));
                Throwable cause = broken;
                while (cause != null && !(cause instanceof NotYetPortable)) {
                    cause = cause.getCause();
                }
                assertTrue(cause != null, "the reason is in the chain: " + broken);
            }
        });
    }
}
