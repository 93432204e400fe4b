package io.github.mp4j;

/**
 * An {@link Acquirer} (a lock or semaphore) acquired by {@code hold()}; closing it releases it
 * once. The try-with-resources form of Python's {@code with lock:}.
 *
 * <pre>{@code
 * try (Held held = lock.hold()) {
 *     count.decrement();          // no other process is inside this block
 * }                               // released here, also when the block throws
 * }</pre>
 */
public interface Held extends AutoCloseable {

    /**
     * Releases what {@code hold()} acquired. A second call does nothing.
     *
     * @throws IllegalStateException as the underlying {@code release()} does, for example when the
     *         block already released the lock itself
     */
    @Override
    void close();
}
