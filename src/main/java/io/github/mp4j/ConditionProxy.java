package io.github.mp4j;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A condition variable that lives in a {@link Manager}'s process, with its own reentrant lock.
 * Python's {@code manager.Condition()}; {@code wait} and {@code notify} are final on
 * {@link Object}, so they are {@code await} and {@code signal} here.
 *
 * <pre>{@code
 * ConditionProxy ready = manager.condition();
 * // consumer
 * try (Held held = ready.hold()) {
 *     ready.awaitFor(() -> !jobs.isEmpty(), Duration.ofSeconds(10));
 * }
 * // producer
 * try (Held held = ready.hold()) {
 *     jobs.add("job");
 *     ready.signalAll();
 * }
 * }</pre>
 *
 * Every method but acquiring requires the calling thread to hold the lock, else
 * {@link IllegalStateException}. Failures: see {@link Manager}.
 */
public interface ConditionProxy extends AcquirerProxy {

    /** Releases the lock, waits for a signal, and takes the lock back. */
    void await() throws InterruptedException;

    /** Like {@link #await()}, for at most {@code timeout}; false if the time ran out. */
    boolean await(Duration timeout) throws InterruptedException;

    /**
     * Waits until {@code predicate} (evaluated in this process, with the lock held) is true, or the
     * timeout (null: none) runs out; returns the predicate's last value. Python's {@code wait_for}.
     */
    boolean awaitFor(BooleanSupplier predicate, Duration timeout) throws InterruptedException;

    /** Wakes one waiter. Python's {@code notify()}. */
    void signal();

    /** Wakes up to {@code n} waiters. Python's {@code notify(n)}. */
    void signal(int n);

    /** Wakes every waiter. Python's {@code notify_all()}. */
    void signalAll();
}
