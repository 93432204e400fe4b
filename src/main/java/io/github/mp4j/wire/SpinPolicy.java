package io.github.mp4j.wire;

/**
 * Whether a reader should poll its socket for a short while before it sleeps in the kernel.
 *
 * <p>In a request/reply exchange between two processes, most of a round trip is spent waking the
 * thread that waits for the other side: measured here, a blocking Java round trip over a UNIX socket
 * takes 35–43 µs, and the same exchange with both sides polling 10–12 µs. Polling pays only when the
 * reply comes while we poll; otherwise it takes a CPU from whoever has work, the peer included (on a
 * loaded machine, polling without restraint made a manager call three times slower). So a reader
 * polls, for at most {@link #SPIN_NANOS}, while its polls succeed; after a poll that caught nothing
 * it sleeps at once for its next 1, 2, 4 ... up to {@link #MAX_SKIPPED} waits, then tries polling
 * again. A connection carrying a burst of calls polls; an idle one (a manager session between a
 * client's bursts, a worker between tasks) rarely does. With a single CPU the peer cannot run while
 * we poll, so there is no polling.
 *
 * <p>Not thread-safe: one per reader, used by the thread that reads.
 */
final class SpinPolicy {

    /** The longest poll: longer than a typical manager call takes to be served. */
    static final long SPIN_NANOS = 50_000;
    /** The most waits a reader sleeps through at once before it tries polling again. */
    static final int MAX_SKIPPED = 64;

    private static final boolean SEVERAL_CPUS = Runtime.getRuntime().availableProcessors() > 1;

    private int toSkip;
    private int nextSkip = 1;

    /** Whether the next wait should start by polling; each call stands for one wait. */
    boolean shouldPoll() {
        if (!SEVERAL_CPUS) {
            return false;
        }
        if (toSkip > 0) {
            toSkip--;
            return false;
        }
        return true;
    }

    /** Records whether a poll that {@link #shouldPoll} allowed caught the data. */
    void polled(boolean caught) {
        if (caught) {
            nextSkip = 1;
        } else {
            toSkip = nextSkip;
            nextSkip = Math.min(2 * nextSkip, MAX_SKIPPED);
        }
    }
}
