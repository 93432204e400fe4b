package io.github.mp4j.wire;

/**
 * Whether a reader should poll its socket for a short while before it sleeps in the kernel.
 *
 * <p>In a request/reply exchange between two processes, most of a round trip is spent waking the
 * thread that waits for the other side: measured here, a blocking Java round trip over a UNIX socket
 * takes 35–43 µs, and the same exchange with both sides polling takes 10–12 µs. Polling costs a CPU
 * for as long as it lasts, so a reader polls only while its waits are short: it polls for at most
 * {@link #SPIN_NANOS} when its previous wait ended within twice that, and otherwise sleeps at once
 * until a wait is short again. A connection that carries a burst of calls then polls, and an idle
 * one (a manager session between a client's calls, a worker between tasks) costs one short poll
 * per idle period. With a single CPU the peer cannot run while we poll, so there is no polling.
 *
 * <p>Not thread-safe: one per reader, used by the thread that reads.
 */
final class SpinPolicy {

    /** The longest poll before sleeping: longer than a typical manager call takes to be served. */
    static final long SPIN_NANOS = 50_000;

    private static final boolean SEVERAL_CPUS = Runtime.getRuntime().availableProcessors() > 1;

    private long lastWait;

    /** Whether the next wait should start by polling. */
    boolean shouldPoll() {
        return SEVERAL_CPUS && lastWait <= 2 * SPIN_NANOS;
    }

    /** Records how long a wait took, from its start to its first byte, polling included. */
    void waited(long nanos) {
        lastWait = nanos;
    }
}
