package io.github.mp4j;

/**
 * The cause attached to an exception that a task raised in a worker JVM: its stack trace is the
 * worker's, and its message names the worker. Python's {@code multiprocessing.pool.RemoteTraceback}.
 *
 * <pre>{@code
 * try {
 *     pool.apply(() -> 1 / 0);
 * } catch (ArithmeticException e) {
 *     RemoteTraceback where = (RemoteTraceback) e.getCause();   // "in worker Pool-1-worker-1 (pid 4711)"
 * }
 * }</pre>
 *
 * It also stands in for a worker's exception that could not be serialized; its message then names
 * the original type.
 */
public class RemoteTraceback extends Exception {
    private static final long serialVersionUID = 1L;

    public RemoteTraceback(String message) {
        super(message);
    }
}
