package io.github.mp4j.handles;

import java.lang.ref.Cleaner;

/**
 * The fallback that frees what a handle holds in this process (descriptors, mappings, a socket's
 * file) once the handle has become unreachable without being closed. One cleaner thread serves every
 * kind of handle, rather than a thread per kind; its actions only close descriptors and delete
 * files, so none waits behind another for long.
 */
public final class Cleanup {

    private static final Cleaner CLEANER = Cleaner.create();

    private Cleanup() {
    }

    /**
     * Runs {@code action} once, when {@code handle} has become unreachable or when the returned
     * cleanable's {@code clean()} is called, whichever comes first. The action must not refer to
     * {@code handle}, or it never becomes unreachable.
     */
    public static Cleaner.Cleanable whenUnreachable(Object handle, Runnable action) {
        return CLEANER.register(handle, action);
    }
}
