package io.github.mp4j.manager;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client connection in the server, served by one thread from its first request to its end. It
 * remembers the locks acquired through it, so that when the connection ends (the client thread or
 * process ended, was killed, or was interrupted while waiting) the server releases what the client
 * can no longer release. And a call that took something nobody owns (a semaphore's permit, a
 * queue's item) leaves a way to give it back, used when its answer cannot be delivered: a client
 * interrupted while it waited has closed its end, and the server's wait, which went on, must not
 * keep what it then took. Over a UNIX socket ({@code Manager.start()}) writing to a closed end
 * fails at once; over TCP the first write after the client closed may still succeed (the peer's
 * reset comes later), so there a permit or item taken in that moment stays lost, as in Python.
 */
final class Session {

    /** Gives back what the current call took, should its answer not reach the client; or null. */
    private Runnable giveBack;

    /**
     * Records how to give back what the current call took; {@link RpcServer} runs it if the answer
     * cannot be written. A session of a call within the server's JVM (null) needs none: its caller
     * gets the result directly.
     */
    static void tookFor(Session session, Runnable giveBack) {
        if (session != null) {
            session.giveBack = giveBack;
        }
    }

    /** Called before each call: nothing taken yet. */
    void startCall() {
        giveBack = null;
    }

    /** Called when the current call's answer could not be written: gives back what it took. */
    void answerLost() {
        Runnable undo = giveBack;
        giveBack = null;
        if (undo != null) {
            undo.run();
        }
    }

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
