package io.github.mp4j.pool;

import io.github.mp4j.PoolState;

import java.time.Instant;
import java.util.ArrayDeque;

/**
 * A worker's place in a pool, from its start until it has exited: the items it holds unanswered
 * (oldest first, so the head is the one it runs), its counts and its {@link WorkerWindow}. Its
 * fields are guarded by the {@link Dispatcher}'s lock, except {@link #worker}, which an exit
 * reported before the start returned sets too; what the worker reports goes on to the dispatcher.
 */
final class WorkerSlot implements Worker.Events {

    private final Dispatcher dispatcher;
    final String name;
    final Instant started = Instant.now();
    final ArrayDeque<WorkItem> outstanding = new ArrayDeque<>();
    volatile Worker worker;
    int assigned;
    long done;
    long failures;
    boolean stopping;
    boolean initializerFailed;
    /** It said it will end without running what it holds ({@link Worker.Events#retiring}). */
    boolean retiring;
    /** Set while one dispatch fills this worker's window: see {@link Dispatcher}. */
    boolean refilling;
    final WorkerWindow window = new WorkerWindow();

    WorkerSlot(Dispatcher dispatcher, String name) {
        this.dispatcher = dispatcher;
        this.name = name;
    }

    PoolState.Worker snapshot(PoolState.WorkerState state, Integer exitCode) {
        WorkItem current = outstanding.peek();
        Worker w = worker;
        return new PoolState.Worker(w == null ? name : w.name(), w == null ? null : w.pid(), state,
                current == null ? null : current.label(), done, failures, started, exitCode);
    }

    @Override
    public void replied(Worker w, long id, Outcome outcome) {
        dispatcher.replied(this, id, outcome);
    }

    @Override
    public void initializerFailed(Worker w, Throwable failure) {
        dispatcher.initializerFailed(this, failure);
    }

    @Override
    public void retiring(Worker w) {
        dispatcher.retiring(this);
    }

    @Override
    public void exited(Worker w) {
        if (worker == null) {
            worker = w; // it died before its start returned
        }
        dispatcher.exited(this);
    }
}
