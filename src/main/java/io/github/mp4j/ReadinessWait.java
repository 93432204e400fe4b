package io.github.mp4j;

import io.github.mp4j.handles.Backoff;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The machinery of {@link Connection#await}: which objects are ready, checked until one is or the
 * time is up.
 *
 * <p>Implementation overview. Every kind of object has a probe that answers at once and consumes
 * nothing: a connection's {@link Connection#readyNow()} (which leaves a background read waiting,
 * as {@code poll} does, and reports when it has ended), a queue's look at its pipe, and a process's
 * exit future. The waiter probes every object, then pauses with {@link Backoff} (a brief spin, then
 * parks that double up to 10 ms) and probes again. Wake-ups were not used because not every kind
 * has one: a queue's pipe is shared by all processes and has no reader to complete a future, and a
 * {@link Pipe} end's buffer may gain a message that another process read into it, which wakes no
 * thread here (the reason {@code poll} looks at that buffer every millisecond). Registering on the
 * kinds that do have one would also leave a callback on a long-lived future for every call that
 * timed out. A long wait thus costs about a hundred cheap probe rounds a second.
 */
final class ReadinessWait {

    /**
     * How long even a zero timeout keeps probing: a connection's first probe starts the background
     * read that brings in a message already in the pipe, or meets its end of file (poll's grace).
     */
    private static final long GRACE_NANOS = 1_000_000;

    private ReadinessWait() {
    }

    static <T> List<T> await(Collection<? extends T> objects, Duration timeout)
            throws IOException, InterruptedException {
        List<T> watched = new ArrayList<>(objects);
        long nanos = Backoff.nanos(timeout);
        Backoff backoff = Backoff.forTimeout(nanos < 0 ? nanos : Math.max(nanos, GRACE_NANOS));
        while (true) {
            List<T> ready = new ArrayList<>();
            for (T object : watched) { // the first round fails on an unsupported or closed object

                if (ready(object)) {
                    ready.add(object);
                }
            }
            if (!ready.isEmpty() || !backoff.pause()) {
                return ready; // after the deadline, the round just made was the last
            }
        }
    }

    private static boolean ready(Object object) throws IOException {
        if (object instanceof Connection connection) {
            return connection.readyNow();
        }
        if (object instanceof Queue queue) {
            return queue.readyNow();
        }
        if (object instanceof SimpleQueue queue) {
            return !queue.empty();
        }
        if (object instanceof Process process) {
            return process.sentinel().isSet();
        }
        if (object instanceof ParentProcess parent) {
            return !parent.isAlive();
        }
        if (object instanceof Sentinel sentinel) {
            return sentinel.isSet();
        }
        throw new IllegalArgumentException("cannot wait on "
                + (object == null ? "null" : "a " + object.getClass().getName())
                + ": expected a Connection, Queue, SimpleQueue, Process, ParentProcess or Sentinel");
    }
}
