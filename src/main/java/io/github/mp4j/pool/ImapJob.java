package io.github.mp4j.pool;

import io.github.mp4j.ImapIterator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code imap} and {@code imapUnordered}: results handed out chunk by chunk as they arrive, in
 * input order or in completion order. A failed chunk throws at its position and iteration goes on
 * after it, as in Python; an error met while reading the input is thrown after the results of the
 * items read before it. A job made with a timeout (an executor's {@code map}) has a deadline counted
 * from its submission: {@link #next()} waits no longer, and the deadline's passing takes the chunks
 * no worker has started off the queue, as Python's {@code Executor.map} cancels its futures.
 */
final class ImapJob<R> extends Job implements ImapIterator<R> {

    private final boolean ordered;
    private final Throwable inputError;
    /** The map's timeout, or null; {@link #deadline} is when it passes (System.nanoTime). */
    private final Duration timeout;
    private final long deadline;
    /* guarded by this */
    private final Outcome[] arrived;
    private final ArrayDeque<Integer> arrivalOrder = new ArrayDeque<>();
    private int consumed;
    private List<?> current = List.of();
    private int position;
    private boolean inputErrorThrown;

    ImapJob(Dispatcher dispatcher, long number, boolean ordered, int chunkCount, Throwable inputError,
            Duration timeout) {
        super(dispatcher, number, timeout != null ? "map" : ordered ? "imap" : "imap_unordered", chunkCount,
                Runnable::run);
        this.ordered = ordered;
        this.inputError = inputError;
        this.timeout = timeout;
        this.deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
        this.arrived = new Outcome[chunkCount];
    }

    @Override
    synchronized void itemEnded(int index, Outcome outcome) {
        arrived[index] = outcome;
        if (!ordered) {
            arrivalOrder.add(index);
        }
        notifyAll();
    }

    @Override
    public synchronized boolean hasNext() {
        return position < current.size() || consumed < items || inputError != null && !inputErrorThrown;
    }

    @Override
    public R next() {
        try {
            return timeout == null ? take(-1) : takeWithin(-1);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    @Override
    public R next(Duration timeout) throws Exception {
        long nanos = Math.max(0, timeout.toNanos());
        return this.timeout == null ? take(nanos) : takeWithin(nanos);
    }

    /**
     * The next result, waiting at most {@code nanos} (negative: without a bound of its own) and never
     * past the map's deadline.
     */
    private R takeWithin(long nanos) throws Exception {
        long left = deadline - System.nanoTime();
        if (nanos >= 0 && nanos < left) {
            return take(nanos);
        }
        try {
            return take(Math.max(0, left));
        } catch (TimeoutException e) {
            cancelQueued(false);
            throw new TimeoutException(name() + ": results not ready within the timeout of " + timeout);
        }
    }

    /** The next result, waiting at most {@code nanos} for it (negative: without bound). */
    @SuppressWarnings("unchecked")
    private synchronized R take(long nanos) throws Exception {
        if (position < current.size()) {
            return (R) current.get(position++);
        }
        if (consumed == items) {
            if (inputError != null && !inputErrorThrown) {
                inputErrorThrown = true;
                throw asException(inputError);
            }
            throw new NoSuchElementException("no more results");
        }
        long deadline = System.nanoTime() + nanos;
        int index;
        while ((index = nextArrived()) < 0) {
            if (nanos < 0) {
                wait();
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException(name() + ": next result not ready after " + Duration.ofNanos(nanos));
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        Outcome outcome = arrived[index];
        arrived[index] = null;
        consumed++;
        if (outcome.failed()) {
            throw asException(RemoteFailure.forCaller(outcome.error));
        }
        current = (List<?>) outcome.value;
        position = 0;
        return (R) current.get(position++);
    }

    /** The chunk to hand out next if it has arrived, else -1. */
    private int nextArrived() {
        if (ordered) {
            return arrived[consumed] != null ? consumed : -1;
        }
        Integer index = arrivalOrder.poll();
        return index == null ? -1 : index;
    }

    private static Exception asException(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return (Exception) t;
    }
}
