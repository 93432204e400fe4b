package io.github.mp4j;

/**
 * Acquiring where an interrupt must not stop it: a {@link Value}'s access, a {@link Condition}
 * taking its lock back after a wait. An interrupt that arrives meanwhile is kept: the thread's flag
 * is set again once the acquire is done, as {@link java.util.concurrent.locks.ReentrantLock#lock()}
 * and {@link java.util.concurrent.locks.Condition#await()} do.
 */
final class Uninterruptible {

    private Uninterruptible() {}

    /** Acquires {@code lock}, waiting as long as it takes. */
    static void acquire(Acquirer lock) {
        boolean interrupted = false;
        while (true) {
            try {
                lock.acquire();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
