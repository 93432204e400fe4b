package io.github.mp4j.pool;

import io.github.mp4j.PoolState;
import io.github.mp4j.ProgressListener;
import io.github.mp4j.Timeline;
import io.github.mp4j.WorkerLostError;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The machinery behind one {@link io.github.mp4j.Pool}: keeps its workers running, hands them work
 * items, routes their replies to results, and fails what a dying worker held.
 *
 * <p>Implementation overview. Every field below {@link #lock} is guarded by it; the lock is never
 * held while a pipe is written or a user callback runs. Threads:
 * <ul>
 * <li>callers submit jobs: their items are prepared (serialized) on the caller's thread, then
 *     queued in {@link #pending} and dispatched;
 * <li>one starter thread per starting worker (a JVM takes a while to boot);
 * <li>each worker reports replies and its exit from its own threads ({@link Worker.Events});
 * <li>one result thread runs callbacks, in completion order;
 * <li>one notifier thread tells state listeners, coalescing bursts of changes ({@link StateListeners}).
 * </ul>
 * Each worker has a {@link WorkerSlot}, which holds its unanswered items in the order sent.
 * Dispatching gives each item to the live worker with the fewest unanswered items. A worker may
 * hold a window of unanswered items ({@link WorkerWindow}: about a millisecond of its work), never
 * more than an even share of the unanswered items (shared with the workers still starting). A
 * worker is refilled once half
 * its window has been answered, and then up to the full window, so that items reach it in batches
 * that its sender writes at once ({@link JvmWorker}) rather than one write and one wake-up per
 * answer. A worker answers in order, so when it
 * dies the oldest unanswered item is the one it held: that item fails with a
 * {@link WorkerLostError} (or the worker's own reason, {@link Worker#unfinished}), the others go back
 * to the front of the queue, and a replacement starts.
 * A lost item runs again, at the front of the queue, while it has retries left
 * ({@link PoolState.Settings#retries()}); each loss is recorded for its final {@link WorkerLostError}.
 * A worker that retires ({@link Worker.Events#retiring}: its heap passed the limit) started none of
 * the items it holds, so they all go back to the queue and nothing is lost.
 * <p>Cancelling: an item not yet handed to a worker is in {@link #pending}, so taking it out under
 * the lock is the whole decision. An item a worker holds is cancelled only when asked to interrupt
 * ({@code cancel(true)}): its job fails with a {@link CancellationException} at once and the item is
 * marked {@link WorkItem#cancelled}, so the worker's later answer, or its death, completes nothing;
 * the worker is asked to skip or interrupt it ({@link Worker#interrupt}) and, if the item still
 * runs after the grace period, is killed and replaced.
 * <p>Life: RUNNING accepts work. CLOSED accepts none; each worker is stopped once the queue is empty
 * and it has answered everything. TERMINATED fails every queued and running item at once and ends
 * the workers. The pool is finished when no worker is left and the status is not RUNNING.
 */
public final class Dispatcher {

    private static final int EXITED_SHOWN = 8;
    private static final int MAX_START_FAILURES = 3;
    private static final long TERMINATE_GRACE_MS = 1000;
    /** The dispatchers of this JVM's pools that have not finished, for {@link #cancelSubmittedFrom}. */
    private static final List<Dispatcher> ACTIVE = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final String name;
    private final Worker.Backend backend;
    private final int processes;
    private final PoolState.Settings settings;
    private final int maxTasksPerChild;
    private final Runnable onFinished;
    private final ExecutorService resultThread;
    private final StateListeners listeners;
    /** The maps in flight and their listeners; see {@link JobProgress}. */
    final ProgressReporter progress;
    private volatile Thread resultThreadOf;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition slotsChanged = lock.newCondition();
    private PoolState.Status status = PoolState.Status.RUNNING;
    private final ArrayDeque<WorkItem> pending = new ArrayDeque<>();
    private final List<WorkerSlot> slots = new ArrayList<>();
    private final ArrayDeque<PoolState.Worker> exited = new ArrayDeque<>();
    private long completed;
    private long failed;
    private long nextItemId;
    private long nextJob;
    private int workersStarted;
    private int startFailures;
    private volatile RuntimeException broken;
    private boolean finished;
    private final TaskStream taskStream = new TaskStream();

    /**
     * Starts {@code processes} workers in the background and returns at once; items submitted
     * before they are up wait in the queue.
     */
    public Dispatcher(String name, Worker.Backend backend, int processes, PoolState.Settings settings,
                      Runnable onFinished) {
        this.name = name;
        this.backend = backend;
        this.processes = processes;
        this.settings = settings;
        this.maxTasksPerChild = settings.maxTasksPerChild();
        this.onFinished = () -> {
            ACTIVE.remove(this);
            onFinished.run();
        };
        ACTIVE.add(this);
        this.resultThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = daemon("mp4j-" + name + "-results").newThread(r);
            resultThreadOf = t;
            return t;
        });
        this.listeners = new StateListeners(name, this::state, daemon("mp4j-" + name + "-notifier"));
        this.progress = new ProgressReporter(name, lock::isHeldByCurrentThread, resultThread);
        lock.lock();
        try {
            for (int i = 0; i < processes; i++) {
                startWorker();
            }
        } finally {
            lock.unlock();
        }
    }

    public String name() {
        return name;
    }

    public int processes() {
        return processes;
    }

    /* ---------------- submitting ---------------- */

    long nextJobNumber() {
        lock.lock();
        try {
            return ++nextJob;
        } finally {
            lock.unlock();
        }
    }

    java.util.concurrent.Executor resultThread() {
        return resultThread;
    }

    /** Throws unless the pool accepts work: Python's "Pool not running". */
    void checkRunning() {
        lock.lock();
        try {
            checkRunningLocked();
        } finally {
            lock.unlock();
        }
    }

    private void checkRunningLocked() {
        if (status != PoolState.Status.RUNNING) {
            throw new IllegalStateException("Pool not running");
        }
        if (broken != null) {
            throw new IllegalStateException(name + " is broken: " + broken.getMessage(), broken);
        }
    }

    /**
     * Prepares the items on this thread (an item that cannot be prepared fails alone) and queues
     * the rest.
     *
     * @throws IllegalStateException "Pool not running" after close or terminate
     */
    void submit(List<WorkItem> items) {
        submit(items, false);
    }

    /**
     * As {@link #submit(List)}, but when {@code refuseUnprepared} an item that cannot be prepared
     * (its task cannot be serialized) is refused here instead of failing its job, and nothing is
     * queued.
     *
     * @throws IllegalArgumentException naming the task's class and why it cannot be sent
     */
    void submit(List<WorkItem> items, boolean refuseUnprepared) {
        checkRunning();
        List<WorkItem> ready = new ArrayList<>(items.size());
        List<WorkItem> unprepared = new ArrayList<>();
        List<Throwable> reasons = new ArrayList<>();
        lock.lock();
        try {
            for (WorkItem item : items) {
                item.id = ++nextItemId;
            }
        } finally {
            lock.unlock();
        }
        for (WorkItem item : items) {
            try {
                backend.prepare(item);
                ready.add(item);
            } catch (Exception | LinkageError e) {
                if (refuseUnprepared) {
                    throw new IllegalArgumentException("the task " + item.task().getClass().getName()
                            + " cannot be sent to a worker: " + e, e);
                }
                unprepared.add(item);
                reasons.add(e);
            }
        }
        lock.lock();
        try {
            checkRunningLocked();
            pending.addAll(ready);
            failed += unprepared.size();
            for (int i = 0; i < unprepared.size(); i++) {
                unprepared.get(i).job.complete(unprepared.get(i).index, Outcome.failed(reasons.get(i)));
            }
            dispatch();
        } finally {
            lock.unlock();
        }
        stateChanged();
    }

    /* ---------------- dispatching (lock held) ---------------- */

    private void dispatch() {
        int workers = 0;
        int held = 0;
        for (WorkerSlot s : slots) {
            if (!s.stopping) {
                workers++; // a worker still starting counts: the first one up must not take everything
                held += s.outstanding.size();
            }
        }
        // an even share of all unanswered work, queued or held; handing out items does not change it
        int share = Math.max(1, (pending.size() + held) / Math.max(1, workers));
        while (!pending.isEmpty()) {
            WorkerSlot best = null;
            for (WorkerSlot s : slots) {
                int window = Math.min(share, s.window.size());
                if (s.worker != null && !s.stopping && !s.retiring && s.outstanding.size() < window
                        && (s.outstanding.size() <= window / 2 || s.refilling)
                        && (maxTasksPerChild == 0 || s.assigned < maxTasksPerChild)
                        && (best == null || s.outstanding.size() < best.outstanding.size())) {
                    best = s;
                }
            }
            if (best == null) {
                break;
            }
            best.refilling = true;
            WorkItem item = pending.poll();
            item.sentNanos = System.nanoTime();
            best.outstanding.add(item);
            best.assigned++;
            best.worker.send(item);
        }
        for (WorkerSlot s : slots) {
            s.refilling = false;
        }
        stopIdleWorkersIfClosed();
    }

    /** Once closed and drained, each worker that has answered everything is told to stop. */
    private void stopIdleWorkersIfClosed() {
        if (status != PoolState.Status.CLOSED || !pending.isEmpty()) {
            return;
        }
        for (WorkerSlot s : slots) {
            if (s.worker != null && !s.stopping && s.outstanding.isEmpty()) {
                s.stopping = true;
                s.worker.stop();
            }
        }
    }

    private void startWorker() {
        WorkerSlot slot = new WorkerSlot(this, name + "-worker-" + (++workersStarted));
        slots.add(slot);
        Thread starter = new Thread(() -> start(slot), "mp4j-" + slot.name + "-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void start(WorkerSlot slot) {
        Worker worker;
        try {
            worker = backend.start(slot.name, slot);
        } catch (Exception | LinkageError e) {
            startFailed(slot, e);
            return;
        }
        boolean unwanted;
        lock.lock();
        try {
            slot.worker = worker;
            unwanted = status == PoolState.Status.TERMINATED;
            if (!unwanted && slots.contains(slot)) {
                startFailures = 0;
                dispatch();
            }
        } finally {
            lock.unlock();
        }
        if (unwanted) {
            worker.kill();
        }
        stateChanged();
    }

    private void startFailed(WorkerSlot slot, Throwable e) {
        System.err.println("mp4j: " + slot.name + " could not start: " + e);
        List<WorkItem> abandoned = List.of();
        lock.lock();
        try {
            slots.remove(slot);
            startFailures++;
            if (status != PoolState.Status.TERMINATED) {
                boolean anyLive = slots.stream().anyMatch(s -> s.worker != null);
                if (startFailures < MAX_START_FAILURES || anyLive) {
                    startWorker();
                } else {
                    abandoned = breakPool(new IllegalStateException("its workers cannot start: " + e, e));
                }
            }
            failAll(abandoned, item -> broken);
            slotsChanged.signalAll();
            finishIfDone();
        } finally {
            lock.unlock();
        }
        stateChanged();
    }

    /** Marks the pool unusable and hands back the queued items for the caller to fail. */
    private List<WorkItem> breakPool(RuntimeException reason) {
        if (broken == null) {
            broken = reason;
        }
        List<WorkItem> abandoned = new ArrayList<>(pending);
        pending.clear();
        failed += abandoned.size();
        stopIdleWorkersIfClosed();
        return abandoned;
    }

    /* ---------------- what workers report ---------------- */

    void replied(WorkerSlot slot, long id, Outcome outcome) {
        WorkItem item;
        lock.lock();
        try {
            item = slot.outstanding.peek();
            if (status == PoolState.Status.TERMINATED) {
                return; // its item was cancelled already
            }
            if (item == null || item.id != id) {
                // Cannot happen with a worker that answers in order; end it rather than misroute results.
                System.err.println("mp4j: " + slot.name + " answered item " + id + " out of order; ending it");
                if (slot.worker != null) {
                    slot.worker.kill();
                }
                return;
            }
            slot.outstanding.poll();
            long now = System.nanoTime();
            taskStream.ran(slot, item, slot.window.served(item, now), now, outcome.failed());
            slot.done++;
            // a cancelled item was counted and completed when it was cancelled: its answer comes too late
            if (!item.cancelled) {
                if (outcome.failed()) {
                    slot.failures++;
                    failed++;
                } else {
                    completed++;
                }
            }
            dispatch();
        } finally {
            lock.unlock();
        }
        if (!item.cancelled) {
            item.job.complete(item.index, outcome);
        }
        stateChanged();
    }

    void retiring(WorkerSlot slot) {
        lock.lock();
        try {
            slot.retiring = true;
        } finally {
            lock.unlock();
        }
    }

    void initializerFailed(WorkerSlot slot, Throwable failure) {
        lock.lock();
        try {
            slot.initializerFailed = true;
            List<WorkItem> abandoned;
            abandoned = breakPool(new IllegalStateException(
                    "the initializer failed in " + slot.name + ": " + failure, failure));
            failAll(abandoned, item -> broken);
        } finally {
            lock.unlock();
        }
        stateChanged();
    }

    void exited(WorkerSlot slot) {
        Worker worker = slot.worker;
        Integer exitCode = worker == null ? null : worker.exitCode();
        List<WorkItem> abandoned = new ArrayList<>();
        lock.lock();
        try {
            if (!slots.remove(slot)) {
                return;
            }
            if (slot.initializerFailed) {
                // it ran none of them: they fail with the reason the pool is broken
                abandoned.addAll(slot.outstanding);
                failed += abandoned.size();
                slot.outstanding.clear();
            }
            // a retiring worker started none of what it holds
            WorkItem lost = slot.retiring ? null : slot.outstanding.poll();
            Throwable lostWith = null;
            if (lost != null && !lost.cancelled) {
                slot.failures++;
                taskStream.ran(slot, lost, slot.window.startOf(lost), System.nanoTime(), true);
                Throwable reason = worker.unfinished(lost.label());
                if (lost.lostAttempts == null) {
                    lost.lostAttempts = new ArrayList<>(1);
                }
                lost.lostAttempts.add(new WorkerLostError.Attempt(worker.name(), worker.pid(), exitCode));
                if (reason == null && broken == null && lost.lostAttempts.size() <= settings.retries()
                        && status != PoolState.Status.TERMINATED) {
                    slot.outstanding.addFirst(lost); // runs again, first, on the next worker free
                } else {
                    failed++;
                    lostWith = reason != null ? reason : new WorkerLostError(lost.lostAttempts, lost.label());
                }
            }
            for (Iterator<WorkItem> it = slot.outstanding.descendingIterator(); it.hasNext(); ) {
                WorkItem held = it.next();
                if (!held.cancelled) {
                    pending.addFirst(held);
                }
            }
            slot.outstanding.clear();
            exited.addFirst(slot.snapshot(PoolState.WorkerState.EXITED, exitCode));
            while (exited.size() > EXITED_SHOWN) {
                exited.removeLast();
            }
            if (broken != null) {
                abandoned.addAll(breakPool(broken));
            } else if (status == PoolState.Status.RUNNING
                    || status == PoolState.Status.CLOSED && !pending.isEmpty() && slots.size() < processes) {
                startWorker();
            }
            if (lostWith != null) {
                lost.job.complete(lost.index, Outcome.failed(lostWith));
            }
            failAll(abandoned, item -> broken);
            dispatch();
            slotsChanged.signalAll();
            finishIfDone();
        } finally {
            lock.unlock();
        }
        stateChanged();
    }

    private void finishIfDone() {
        if (status != PoolState.Status.RUNNING && slots.isEmpty() && !finished) {
            finished = true;
            resultThread.shutdown();
            onFinished.run();
        }
    }

    /* ---------------- cancelling ---------------- */

    /**
     * Cancels {@code job} if none of its items has started: they leave the queue and fail with a
     * {@link CancellationException}. An item counts as started once it is handed to a worker (it may
     * still wait in the worker's window), as in Python, whose executor cannot take back a call either
     * once it is in the call queue. This lock is the one home of the decision: an item is either
     * in {@link #pending} or a worker's.
     *
     * @param allOrNothing whether to cancel only when every item of the job is still queued; else
     *        cancel whichever are
     * @return the items cancelled (none when it was too late)
     */
    List<WorkItem> cancel(Job job, boolean allOrNothing) {
        return cancelQueued(item -> item.job == job, allOrNothing ? job.items : 1);
    }

    /**
     * Cancels every unfinished item of the jobs {@code which} selects, started or not: queued ones
     * leave the queue, and the workers holding the others are asked to skip or interrupt them
     * ({@link Worker#interrupt}); a worker still running one after the grace period is killed and
     * replaced. Every cancelled item fails with a {@link CancellationException} before this returns.
     *
     * @return how many items were cancelled
     */
    int cancelRunning(java.util.function.Predicate<Job> which) {
        List<WorkItem> queued = new ArrayList<>();
        List<WorkItem> held = new ArrayList<>();
        List<WorkerSlot> holders = new ArrayList<>();
        lock.lock();
        try {
            for (WorkItem item : pending) {
                if (which.test(item.job)) {
                    queued.add(item);
                }
            }
            pending.removeIf(item -> which.test(item.job));
            for (WorkerSlot s : slots) {
                for (WorkItem item : s.outstanding) {
                    if (!item.cancelled && which.test(item.job)) {
                        item.cancelled = true;
                        held.add(item);
                        holders.add(s);
                    }
                }
            }
            failed += queued.size() + held.size();
            failAll(queued, Dispatcher::cancelledBeforeStart);
            failAll(held, item -> new CancellationException(item.label() + " was cancelled while a worker held it"));
            stopIdleWorkersIfClosed();
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < held.size(); i++) {
            WorkerSlot slot = holders.get(i);
            WorkItem item = held.get(i);
            Worker worker = slot.worker;
            if (worker != null) {
                worker.interrupt(item);
            }
            CompletableFuture.delayedExecutor(settings.cancelGrace().toNanos(), TimeUnit.NANOSECONDS)
                    .execute(() -> killIfStillRunning(slot, item));
        }
        stateChanged();
        return queued.size() + held.size();
    }

    /** {@link #cancelRunning} of every job: {@code shutdownNow()}. */
    public void cancelEverything() {
        cancelRunning(job -> true);
    }

    /**
     * The end of a cancelled item's grace period: a worker still running it is killed (the item
     * completes nothing more when it dies, being {@link WorkItem#cancelled}) and replaced as any
     * dead worker is. An item still waiting behind another in the worker's window is left to be
     * skipped there.
     */
    private void killIfStillRunning(WorkerSlot slot, WorkItem item) {
        Worker worker;
        lock.lock();
        try {
            if (!slots.contains(slot) || slot.outstanding.peek() != item) {
                return;
            }
            worker = slot.worker;
        } finally {
            lock.unlock();
        }
        if (worker != null) {
            System.err.println("mp4j: " + item.label() + " did not end within " + settings.cancelGrace()
                    + " of its cancellation; killing " + worker.name() + " (pid " + worker.pid() + ")");
            worker.kill();
        }
    }

    /**
     * Cancels, as {@link #cancelRunning}, every unfinished item submitted from a thread of
     * {@code group} or of a group inside it, in every pool of this JVM: what the kernel does when
     * the user interrupts a cell (whose threads are one group).
     *
     * @return how many items were cancelled
     */
    public static int cancelSubmittedFrom(ThreadGroup group) {
        int cancelled = 0;
        for (Dispatcher d : ACTIVE) {
            cancelled += d.cancelRunning(job -> job.submitter != null && group.parentOf(job.submitter));
        }
        return cancelled;
    }

    /**
     * Cancels every queued item (Python's {@code shutdown(cancel_futures=True)}); running items go on.
     *
     * @return what each cancelled item would have run, for {@code shutdownNow()}
     */
    public List<Runnable> cancelQueued() {
        List<WorkItem> cancelled = cancelQueued(item -> true, 1);
        List<Runnable> tasks = new ArrayList<>(cancelled.size());
        for (WorkItem item : cancelled) {
            tasks.add(item.asRunnable());
        }
        return tasks;
    }

    /** Cancels the queued items {@code which} selects, if there are at least {@code atLeast}. */
    private List<WorkItem> cancelQueued(java.util.function.Predicate<WorkItem> which, int atLeast) {
        List<WorkItem> cancelled = new ArrayList<>();
        lock.lock();
        try {
            for (WorkItem item : pending) {
                if (which.test(item)) {
                    cancelled.add(item);
                }
            }
            if (cancelled.size() < atLeast) {
                return List.of();
            }
            pending.removeIf(which);
            failed += cancelled.size();
            failAll(cancelled, Dispatcher::cancelledBeforeStart);
            stopIdleWorkersIfClosed();
        } finally {
            lock.unlock();
        }
        stateChanged();
        return cancelled;
    }

    private static Throwable cancelledBeforeStart(WorkItem item) {
        return new CancellationException(item.label() + " was cancelled before it started");
    }

    /* ---------------- close, terminate, join ---------------- */

    /** Accepts no more work; workers end once everything queued has been answered. */
    public void close() {
        lock.lock();
        try {
            if (status == PoolState.Status.RUNNING) {
                status = PoolState.Status.CLOSED;
                stopIdleWorkersIfClosed();
                finishIfDone();
            }
        } finally {
            lock.unlock();
        }
        stateChanged();
    }

    /**
     * Fails every queued and running item with a {@link CancellationException} and ends the
     * workers: SIGTERM, then SIGKILL for any still running after a second. Returns once they have
     * ended (about two seconds at most).
     */
    public void terminate() {
        List<WorkItem> cancelled = new ArrayList<>();
        List<Worker> workers = new ArrayList<>();
        lock.lock();
        try {
            if (status != PoolState.Status.TERMINATED) {
                status = PoolState.Status.TERMINATED;
                cancelled.addAll(pending);
                pending.clear();
                for (WorkerSlot s : slots) {
                    for (WorkItem held : s.outstanding) {
                        if (!held.cancelled) {
                            cancelled.add(held);
                        }
                    }
                    s.outstanding.clear();
                    s.stopping = true;
                    if (s.worker != null) {
                        workers.add(s.worker);
                    }
                }
                failed += cancelled.size();
                failAll(cancelled, item -> new CancellationException(
                        item.label() + ": the pool was terminated before the task finished"));
                finishIfDone();
            }
        } finally {
            lock.unlock();
        }
        workers.forEach(Worker::terminate);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TERMINATE_GRACE_MS);
        for (Worker w : workers) {
            if (!w.awaitExit(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())))) {
                w.kill();
            }
        }
        for (Worker w : workers) {
            w.awaitExit(TERMINATE_GRACE_MS);
        }
        stateChanged();
    }

    /**
     * Waits until every worker has ended and every callback has run; null waits without bound.
     *
     * @return whether the pool finished in time
     * @throws IllegalStateException "Pool is still running" before close or terminate
     */
    public boolean join(Duration timeout) throws InterruptedException {
        if (Thread.currentThread() == resultThreadOf) {
            throw new IllegalStateException("cannot join " + name + " from its own callback: the callback"
                    + " runs on the thread join waits for");
        }
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            if (status == PoolState.Status.RUNNING) {
                throw new IllegalStateException("Pool is still running");
            }
            while (!slots.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                slotsChanged.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
        return resultThread.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Whether the calling thread is this pool's result thread (a callback is running). */
    public boolean onResultThread() {
        return Thread.currentThread() == resultThreadOf;
    }

    /**
     * Completes items with a failure. Safe under the lock: completing runs no user code (a
     * callback is queued for the result thread), and doing it before {@link #finishIfDone} shuts
     * that thread down keeps every callback queued in time.
     */
    private void failAll(List<WorkItem> items, java.util.function.Function<WorkItem, Throwable> reason) {
        for (WorkItem item : items) {
            item.job.complete(item.index, Outcome.failed(reason.apply(item)));
        }
    }

    /* ---------------- state ---------------- */

    public PoolState state() {
        lock.lock();
        try {
            List<PoolState.Worker> workers = new ArrayList<>();
            for (WorkerSlot s : slots) {
                workers.add(s.snapshot(s.worker == null ? PoolState.WorkerState.STARTING
                        : s.outstanding.isEmpty() ? PoolState.WorkerState.IDLE : PoolState.WorkerState.BUSY, null));
            }
            workers.addAll(exited);
            return new PoolState(name, backend.kind(), status, processes, workers, pending.size(), completed, failed,
                    settings, progress.running());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Calls {@code listener} with the latest state after changes, on a notifier thread. Bursts are
     * coalesced: a listener sees the latest state, not every change, and always the last one.
     */
    public void addListener(Consumer<PoolState> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<PoolState> listener) {
        listeners.remove(listener);
    }

    /** The last items the workers ran (see {@link TaskStream}). */
    public Timeline timeline() {
        lock.lock();
        try {
            return taskStream.timeline(name);
        } finally {
            lock.unlock();
        }
    }

    public void addProgressListener(ProgressListener listener) {
        progress.add(listener);
    }

    public void removeProgressListener(ProgressListener listener) {
        progress.remove(listener);
    }

    private void stateChanged() {
        listeners.changed();
    }

    private static java.util.concurrent.ThreadFactory daemon(String threadName) {
        return r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        };
    }
}
