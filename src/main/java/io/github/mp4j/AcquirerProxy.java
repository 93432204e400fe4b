package io.github.mp4j;

import java.io.Serializable;

/**
 * A lock or semaphore that lives in a {@link Manager}'s process. Python's {@code AcquirerProxy},
 * from {@code manager.Lock()}, {@code RLock()}, {@code Semaphore(n)} and {@code BoundedSemaphore(n)}.
 * Its {@code acquire} overloads and {@code hold()} are {@link Acquirer}'s.
 *
 * <pre>{@code
 * AcquirerProxy lock = manager.lock();
 * try (Held held = lock.hold()) {            // Python: with lock:
 *     d.put("count", d.get("count") - 1);
 * }
 * }</pre>
 *
 * <p>A {@code lock()} is not owned: any thread of any process may release it, and a second release
 * fails. An {@code rlock()} is owned by the thread that acquired it and counts its holds. Waiting
 * happens in the manager; interrupting the waiting thread raises {@link InterruptedException} and
 * closes that thread's connection, which the manager notices. A lock or rlock held through a
 * connection that closes (its thread or process ended, or was killed) is released by the manager,
 * so a dead holder does not block the others forever. Failures: see {@link Manager}.
 *
 * <p>A {@code lock()} on the manager's host. A process that reaches the manager through its UNIX
 * socket ({@link Manager#start()}) asks it once where the lock lives, a word in shared memory that
 * the manager created, and from then on acquires and releases there, as {@link Lock} does, without a
 * request: an uncontended acquire and release costs nanoseconds, and a waiter waits in its own
 * process (an interrupt raises {@link InterruptedException} and keeps the connection). Clients over
 * TCP, and the manager's own JVM, ask the manager, which takes the same word for them: both kinds
 * exclude each other. What differs for such a local holder: a process that dies holding the lock
 * (even by SIGKILL) loses it to the next waiter, which notices within some 100 ms (see {@link Lock});
 * a thread that ends holding it in a live process keeps it held, as with {@link Lock}. Once the
 * manager has died, acquire and release fail with {@link java.io.UncheckedIOException} like every
 * other call (each looks at the manager's process, which costs a read of its {@code /proc} stat); a
 * waiter notices within about 100 ms.
 */
public interface AcquirerProxy extends Acquirer, Serializable {

    /**
     * Releases one hold.
     *
     * @throws IllegalStateException "release unlocked lock" (lock), "cannot release un-acquired lock"
     *         (rlock held by another thread or not at all), "Semaphore released too many times"
     *         (bounded semaphore)
     */
    @Override
    void release();
}
