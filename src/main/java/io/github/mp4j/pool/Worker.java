package io.github.mp4j.pool;

/**
 * One worker as the dispatcher sees it: a child JVM, a thread, or a cluster node's slot.
 * It runs what it is sent in order and reports through {@link Events}.
 */
public interface Worker {

    String name();

    /** Its process id (this JVM's for a thread). */
    long pid();

    /** Queues an item for the worker; never blocks. */
    void send(WorkItem item);

    /**
     * Asks the worker to drop {@code item}, which it was sent and has not answered: to skip it if
     * it has not started, or to {@link Thread#interrupt() interrupt} the thread running it. Returns
     * at once; the worker still answers the item (its answer is ignored). The default does
     * nothing: the dispatcher {@link #kill()}s a worker whose cancelled item has not ended after
     * the pool's grace period.
     */
    default void interrupt(WorkItem item) {
    }

    /** Lets the worker finish what it was sent, then end. */
    void stop();

    /** Asks the worker to end now (SIGTERM for a JVM). */
    void terminate();

    /** Ends the worker at once (SIGKILL for a JVM). */
    void kill();

    /** Waits at most {@code millis} for the worker to end; whether it has. */
    boolean awaitExit(long millis);

    /** Its exit code once ended, in {@link io.github.mp4j.Process#exitCode()}'s convention; else null. */
    Integer exitCode();

    /**
     * Once ended: what the oldest item it had been sent and not answered fails with, when the
     * worker ended for a reason of its own rather than being lost (a cluster slot whose cluster was
     * closed). Null, the default, fails that item with a {@link io.github.mp4j.WorkerLostError}.
     *
     * @param item what the caller's errors call the item ({@code apply #3})
     */
    default Throwable unfinished(String item) {
        return null;
    }

    /** What a worker reports, from its own threads. */
    interface Events {
        /** The worker finished item {@code id}, the oldest it was sent and has not answered. */
        void replied(Worker worker, long id, Outcome outcome);

        /** The pool's initializer failed in the worker, which is ending. */
        void initializerFailed(Worker worker, Throwable failure);

        /**
         * The worker will end without running the items it holds unanswered, which it has not
         * started (its heap passed the pool's {@code maxMemoryPerChild}): they go to other workers.
         */
        void retiring(Worker worker);

        /** The worker has ended (and will report nothing more). */
        void exited(Worker worker);
    }

    /** How a pool gets its workers: the one thing a new kind of worker must provide. */
    interface Backend {
        /** "process" or "thread": what the pool's state calls its workers. */
        String kind();

        /** Prepares an item on the submitting thread; a failure fails that item alone. */
        void prepare(WorkItem item) throws Exception;

        /** Starts a worker; returns once it can be sent items. */
        Worker start(String name, Events events) throws Exception;
    }
}
