package io.github.mp4j.pool;

import io.github.mp4j.RemoteTraceback;

/**
 * Turns an exception read from a worker into what the caller sees, as Python does: the same type
 * and message, thrown from the caller's {@code get()}, with the worker's stack trace in a
 * {@link RemoteTraceback} cause that names the worker.
 */
final class RemoteFailure {

    private RemoteFailure() {}

    /**
     * Attaches the worker's trace as the cause. An exception that already has a cause keeps its
     * chain and its own (worker) stack trace, and gets the traceback as a suppressed exception.
     */
    static Throwable attach(Throwable t, String worker, long pid) {
        if (t instanceof RemoteTraceback) {
            return t; // a stand-in for an exception that could not be serialized: already says it all
        }
        RemoteTraceback remote = new RemoteTraceback("in worker " + worker + " (pid " + pid + "): " + t);
        remote.setStackTrace(t.getStackTrace());
        if (t.getCause() == null) {
            try {
                t.initCause(remote);
                t.setStackTrace(new StackTraceElement[0]); // replaced by the caller's, see forCaller
                return t;
            } catch (IllegalStateException | IllegalArgumentException alreadySet) {
                // constructed with an explicit null cause
            }
        }
        t.addSuppressed(remote);
        return t;
    }

    /** Gives a remote exception the stack of the thread that is about to throw it, once. */
    static Throwable forCaller(Throwable t) {
        if (t.getCause() instanceof RemoteTraceback && t.getStackTrace().length == 0) {
            StackTraceElement[] here = new Throwable().getStackTrace();
            t.setStackTrace(java.util.Arrays.copyOfRange(here, Math.min(2, here.length), here.length));
        }
        return t;
    }
}
