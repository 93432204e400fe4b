package io.github.mp4j.manager;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * A store could not be reached or stopped answering; distinct from an {@link IOException} that the
 * shared object itself raised, which reaches the caller as it is.
 */
public final class Unreachable extends IOException {

    private static final long serialVersionUID = 1L;

    public Unreachable(IOException cause) {
        super(cause.getMessage(), cause);
    }

    /** Whether the calling thread was interrupted while it waited for the store. */
    public boolean interrupted() {
        return getCause() instanceof InterruptedIOException;
    }
}
