package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits, with a bound, for something another thread or process makes true: a test's way to wait for
 * what it cannot be told about. Checks at once, then every {@value #EVERY_MILLIS} ms (or a period of
 * the caller's), until the bound has passed; the bound is always the caller's.
 *
 * <pre>{@code
 * assertTrue(Eventually.holds(BOUND, () -> pool.state().completed() == 4), "every item completed");
 * Eventually.assertHolds(BOUND, watch::isDead, () -> "still alive: " + watch);
 * Long pid = Eventually.valueOf(BOUND, () -> busyWorkerPid(pool));   // null if none within BOUND
 * }</pre>
 */
public final class Eventually {

    private static final long EVERY_MILLIS = 20;

    private Eventually() {
    }

    /** Whether {@code condition} held within {@code bound}, checked every 20 ms. */
    public static boolean holds(Duration bound, BooleanSupplier condition) throws InterruptedException {
        return holds(bound, Duration.ofMillis(EVERY_MILLIS), condition);
    }

    /** Whether {@code condition} held within {@code bound}, checked every {@code every}. */
    public static boolean holds(Duration bound, Duration every, BooleanSupplier condition) throws InterruptedException {
        return valueOf(bound, every, () -> condition.getAsBoolean() ? Boolean.TRUE : null) != null;
    }

    /** Fails the test with {@code message} (made when it fails) unless {@code condition} holds within {@code bound}. */
    public static void assertHolds(Duration bound, BooleanSupplier condition, Supplier<String> message)
            throws InterruptedException {
        assertHolds(bound, Duration.ofMillis(EVERY_MILLIS), condition, message);
    }

    /** {@link #assertHolds(Duration, BooleanSupplier, Supplier)}, checking every {@code every}. */
    public static void assertHolds(Duration bound, Duration every, BooleanSupplier condition, Supplier<String> message)
            throws InterruptedException {
        if (!holds(bound, every, condition)) {
            fail(message.get());
        }
    }

    /** The first value {@code probe} gives that is not null, within {@code bound} (every 20 ms); null if none. */
    public static <T> T valueOf(Duration bound, Supplier<T> probe) throws InterruptedException {
        return valueOf(bound, Duration.ofMillis(EVERY_MILLIS), probe);
    }

    /** The first value {@code probe} gives that is not null, within {@code bound}, asking every {@code every}; null if none. */
    public static <T> T valueOf(Duration bound, Duration every, Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null || System.nanoTime() - deadline >= 0) {
                return value;
            }
            Thread.sleep(every.toMillis());
        }
    }
}
