package io.github.mp4j;

/**
 * A manager could not carry out a call: the method is not exposed by the shared object, the object
 * does not exist in that manager, or the request was malformed. Python's
 * {@code multiprocessing.managers.RemoteError}.
 *
 * <pre>{@code
 * Counter c = manager.create("Counter", Counter.class);
 * try {
 *     c.reset();                      // in the interface, but not a public method of the referent
 * } catch (RemoteError e) {
 *     System.out.println(e.getMessage());   // method 'reset' is not exposed by Counter
 * }
 * }</pre>
 *
 * <p>An exception raised by the shared object itself is not wrapped: it reaches the caller with its
 * own type (an {@code IndexOutOfBoundsException} from a list, say). A manager that cannot be reached
 * at all gives a {@link java.io.UncheckedIOException}.
 */
public class RemoteError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RemoteError(String message) {
        super(message);
    }

    public RemoteError(String message, Throwable cause) {
        super(message, cause);
    }
}
