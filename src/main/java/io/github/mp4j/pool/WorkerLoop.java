package io.github.mp4j.pool;

import io.github.mp4j.Task;
import io.github.mp4j.wire.Parts;

import java.io.EOFException;
import java.io.IOException;

/**
 * The task of a pool's worker JVM: runs the initializer, then answers work items from its pipe
 * end, one at a time and in order, until STOP, end of file (the pool is gone), its
 * {@code maxTasksPerChild}, or its heap still over {@code maxMemoryPerChild} after an item and a
 * collection (then it says RETIRE first, so the pool hands what it holds to other workers). Items
 * the pool cancels are skipped or interrupted ({@link TaskInterrupts}, over the child's control channel). While
 * no item waits, a new worker trains its JIT ({@link WarmUp}). It travels as {@link Parts} (its
 * pipe ends, its initializer, its limits), so a worker whose
 * initializer is absent or a lambda over simple values starts without Java serialization.
 */
final class WorkerLoop implements Task, Parts {

    private static final long serialVersionUID = 1L;
    /** The exit status of a worker that ran out of memory; the pool reports it as a lost worker. */
    static final int OUT_OF_MEMORY_EXIT = 3;

    private final PrivateEnd conn;
    private final Task initializer;
    private final int maxTasks;
    private final long maxMemory;

    WorkerLoop(PrivateEnd conn, Task initializer, int maxTasks, long maxMemory) {
        this.conn = conn;
        this.initializer = initializer;
        this.maxTasks = maxTasks;
        this.maxMemory = maxMemory;
    }

    private WorkerLoop(Object[] parts) {
        this((PrivateEnd) parts[0], (Task) parts[1], (Integer) parts[2], (Long) parts[3]);
    }

    @Override
    public Object[] parts() {
        return new Object[] {conn, initializer, maxTasks, maxMemory};
    }

    @Override
    public void run() throws IOException {
        if (initializer != null) {
            try {
                initializer.run();
            } catch (Throwable t) {
                conn.sendNow(WorkCodec.initError(t));
                return;
            }
        }
        WorkCodec codec = new WorkCodec();
        TaskInterrupts interrupts = TaskInterrupts.listen();
        WarmUp warmUp = WarmUp.enabled() ? new WarmUp() : null;
        for (int done = 0; maxTasks == 0 || done < maxTasks; done++) {
            while (warmUp != null && !conn.ready()) {
                if (!warmUp.step()) {
                    warmUp = null;
                }
            }
            byte[] message;
            try {
                message = conn.recv();
            } catch (EOFException poolGone) {
                return;
            }
            WorkCodec.Request request = codec.request(message);
            if (request.kind() == WorkCodec.STOP) {
                return;
            }
            byte[] reply;
            if (interrupts.starting(request.id())) {
                try {
                    reply = answer(request, true);
                } finally {
                    interrupts.finished();
                }
            } else {
                reply = WorkCodec.error(request.id(), new java.util.concurrent.CancellationException(
                        "cancelled before it started"));
            }
            try {
                conn.sendNow(reply);
                if (overMemoryLimit()) {
                    conn.sendNow(WorkCodec.retire());
                    return;
                }
            } catch (IOException poolGone) {
                return; // the pool closed its end (terminate) or died
            }
        }
    }

    /**
     * Whether the heap in use passes {@code maxMemoryPerChild} even after a full collection: only
     * what the tasks left reachable (caches, static fields, leaks) counts, not their garbage. The
     * collection runs only when the cheap measure is over the limit already.
     */
    private boolean overMemoryLimit() {
        if (maxMemory <= 0 || usedHeap() <= maxMemory) {
            return false;
        }
        System.gc();
        return usedHeap() > maxMemory;
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /**
     * Runs a decoded request and encodes its reply. Out of memory, a worker JVM exits (its heap
     * may be unusable) when {@code exitOnOutOfMemory}; otherwise the error is the task's outcome.
     */
    static byte[] answer(WorkCodec.Request request, boolean exitOnOutOfMemory) {
        if (request.unreadable() != null) {
            return WorkCodec.error(request.id(), new java.io.InvalidObjectException(
                    "the worker cannot read this task: " + request.unreadable()));
        }
        Object value;
        try {
            value = request.work().run();
        } catch (OutOfMemoryError e) {
            if (!exitOnOutOfMemory) {
                return WorkCodec.error(request.id(), e);
            }
            // The heap may be unusable now: end this worker; the pool fails the item and replaces it.
            System.err.println("mp4j: pool worker out of memory, exiting: " + e);
            io.github.mp4j.spawn.ChildMain.halt(OUT_OF_MEMORY_EXIT);
            return null;
        } catch (Throwable t) {
            return WorkCodec.error(request.id(), t);
        }
        try {
            return WorkCodec.result(request.id(), value, request.work().isChunk());
        } catch (IOException | RuntimeException e) {
            java.io.NotSerializableException unsendable = new java.io.NotSerializableException(
                    "the task's result cannot be serialized: " + e.getMessage());
            unsendable.initCause(e);
            return WorkCodec.error(request.id(), unsendable);
        }
    }
}
