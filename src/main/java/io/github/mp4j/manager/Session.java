package io.github.mp4j.manager;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client connection in the server, served by one thread from its first request to its end. It
 * remembers the locks acquired through it, so that when the connection ends (the client thread or
 * process ended, was killed, or was interrupted while waiting) the server releases what the client
 * can no longer release.
 */
final class Session {

    /** Something a session may hold when it ends. */
    interface Holdable {
        /** Releases every hold of {@code session}; runs in the session's own thread. */
        void releaseAll(Session session);
    }

    private final Set<Holdable> touched = ConcurrentHashMap.newKeySet();

    void acquired(Holdable lock) {
        touched.add(lock);
    }

    /** Called by the session's thread when the connection has ended. */
    void end() {
        for (Holdable lock : touched) {
            lock.releaseAll(this);
        }
        touched.clear();
    }
}
