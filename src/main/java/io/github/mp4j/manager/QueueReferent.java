package io.github.mp4j.manager;

import io.github.mp4j.Queue;
import io.github.mp4j.handles.UnfinishedTasks;
import io.github.mp4j.manager.SharedType.QueueMethod;

import java.util.LinkedList;

/** A Queue in the server: Python's {@code queue.Queue}, a FIFO with an optional bound and task counting. */
final class QueueReferent implements Referent {

    /** A linked list, not an ArrayDeque: null is an item like any other, as in Python and {@code Queue}. */
    private final LinkedList<Object> items = new LinkedList<>();
    /** At most this many items; 0 or less: no bound. */
    private final int maxsize;
    private int unfinished;

    QueueReferent(int maxsize) {
        this.maxsize = maxsize;
    }

    @Override
    public synchronized Object call(String method, Object[] a, Session session) throws Exception {
        QueueMethod m = (QueueMethod) SharedType.QUEUE.method(method);
        return switch (m) {
            case qsize, empty, full, toString -> QueueSizeCalls.answer(m, items.size(), maxsize);
            case put -> {
                if (!awaitUntil(() -> !QueueSizeCalls.full(items.size(), maxsize), (Boolean) a[1], Referent.nanos(a[2]))) {
                    throw new Queue.Full();
                }
                items.addLast(a[0]);
                unfinished++;
                notifyAll();
                yield null;
            }
            case get -> {
                if (!awaitUntil(() -> !items.isEmpty(), (Boolean) a[0], Referent.nanos(a[1]))) {
                    throw new Queue.Empty();
                }
                Object item = items.removeFirst();
                notifyAll();
                Session.tookFor(session, () -> giveBack(item));
                yield item;
            }
            case taskDone -> {
                if (unfinished <= 0) {
                    throw new IllegalStateException(UnfinishedTasks.TOO_MANY);
                }
                if (--unfinished == 0) {
                    notifyAll();
                }
                yield null;
            }
            case join -> {
                awaitUntil(() -> unfinished == 0, true, -1);
                yield null;
            }
        };
    }

    /** Puts back, first in line, an item whose taker never got it. */
    private synchronized void giveBack(Object item) {
        items.addFirst(item);
        notifyAll();
    }

    /** Waits (holding this monitor between checks) until {@code ready}; false if it never became so. */
    private boolean awaitUntil(java.util.function.BooleanSupplier ready, boolean block, long nanos)
            throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (!ready.getAsBoolean()) {
            if (!block) {
                return false;
            }
            if (nanos < 0) {
                wait();
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }
}
