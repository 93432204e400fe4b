package io.github.mp4j.pool;

import io.github.mp4j.Task;
import io.github.mp4j.wire.Parts;

import java.io.EOFException;
import java.io.IOException;

/**
 * The task of a pool's worker JVM: runs the initializer, then answers work items from its pipe
 * end, one at a time and in order, until STOP, end of file (the pool is gone) or its
 * {@code maxTasksPerChild}. While no item waits, a new worker trains its JIT ({@link WarmUp}). It
 * travels as {@link Parts} (its pipe end, its initializer, its task limit), so a worker whose
 * initializer is absent or a lambda over simple values starts without Java serialization.
 */
final class WorkerLoop implements Task, Parts {

    private static final long serialVersionUID = 1L;
    /** The exit status of a worker that ran out of memory; the pool reports it as a lost worker. */
    static final int OUT_OF_MEMORY_EXIT = 3;

    private final PrivateEnd conn;
    private final Task initializer;
    private final int maxTasks;

    WorkerLoop(PrivateEnd conn, Task initializer, int maxTasks) {
        this.conn = conn;
        this.initializer = initializer;
        this.maxTasks = maxTasks;
    }

    private WorkerLoop(Object[] parts) {
        this((PrivateEnd) parts[0], (Task) parts[1], (Integer) parts[2]);
    }

    @Override
    public Object[] parts() {
        return new Object[] {conn, initializer, maxTasks};
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
            try {
                conn.sendNow(answer(request, true));
            } catch (IOException poolGone) {
                return; // the pool closed its end (terminate) or died
            }
        }
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
            Runtime.getRuntime().halt(OUT_OF_MEMORY_EXIT);
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
