package io.github.mp4j.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.SeparateJvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A program that ends while warm child JVMs are still booting ends quietly. */
class WarmPoolExitTest {

    /**
     * Asks for warm children, then exits while they boot. A second shutdown hook holds the exit
     * open for a while, so a launcher that would report the ended boot gets the time to print.
     */
    public static final class ExitWhileWarming {
        public static void main(String[] args) throws InterruptedException {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            WarmPool.refill();
            Thread.sleep(Long.parseLong(args[0]));
            System.exit(0);
        }
    }

    @Test
    void exitingWhileAWarmChildBootsPrintsNoLaunchFailure() throws Exception {
        for (String pause : List.of("50", "200", "400")) {
            SeparateJvm.Ended run = SeparateJvm.run(List.of(SeparateJvm.java(), "-cp",
                    System.getProperty("java.class.path"), ExitWhileWarming.class.getName(), pause),
                    Duration.ofSeconds(60));
            assertEquals(0, run.exitStatus(), run.toString());
            assertTrue(run.output().isBlank(), run.toString());
        }
    }
}
