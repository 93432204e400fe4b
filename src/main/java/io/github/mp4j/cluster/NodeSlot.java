package io.github.mp4j.cluster;

import io.github.mp4j.pool.PortableWork;
import io.github.mp4j.pool.Worker;
import io.github.mp4j.pool.WorkItem;
import org.apache.ignite.IgniteCompute;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.cluster.ClusterTopologyException;
import org.apache.ignite.lang.IgniteFuture;
import org.apache.ignite.lang.IgniteFutureCancelledException;
import org.apache.ignite.lang.IgniteFutureTimeoutException;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One worker of a pool on a cluster: a slot bound to one server node, which runs its items there
 * one at a time, in order, as Ignite jobs ({@link NodeJob}). Its pid is the node's.
 *
 * <p>Implementation overview. One daemon thread per slot sends an item, waits for its reply and
 * reports it, so the slot's events come in order from one thread and the dispatcher's lock is
 * never held while Ignite is called. Every wait is bounded by a check every quarter second:
 * <ul>
 * <li>its node left before an item started (idle, or between items): the slot moves to another
 *     node and nothing fails;
 * <li>its node left while an item ran (killed, crashed, cut off): the slot ends without a reply;
 *     the pool fails that item with a {@link io.github.mp4j.WorkerLostError} naming the node and
 *     reruns the slot's other items on a new slot. A task is never run twice, unless the pool has
 *     {@code retries}: then the dispatcher runs the lost one again on another slot;
 * <li>the cluster was closed: the running item fails with "the cluster has been closed" and the
 *     slot ends; so does the next item it was sent, whether it had taken it or not
 *     ({@link #unfinished}), and the pool, which cannot start new slots, reports itself broken;
 * <li>any other Ignite failure (the node could not load the task) fails that item alone.
 * </ul>
 * {@link #terminate()} cancels the running job, which interrupts its thread on the node. A task
 * the pool cancels while it runs ({@code cancel(true)}) is stopped the same way: the slot has no
 * {@link #interrupt} of its own, so after the pool's grace period the dispatcher kills the slot,
 * which cancels the job (interrupting it on the node), and starts a new slot.
 */
final class NodeSlot implements Worker {

    private static final long CHECK_MS = 250;
    /** Queued after the last item: tells the thread to finish. */
    private static final Object STOP = new Object();

    private final String slotName;
    private final Events events;
    private final NodeSlots slots;
    private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread thread;
    private volatile ClusterNode node;
    private volatile IgniteCompute compute;
    private volatile IgniteFuture<byte[]> running;
    private volatile boolean terminated;
    private volatile Integer exitCode;

    NodeSlot(String slotName, Events events, NodeSlots slots, ClusterNode node) {
        this.slotName = slotName;
        this.events = events;
        this.slots = slots;
        this.thread = new Thread(this::loop, "mp4j-" + slotName);
        this.thread.setDaemon(true);
        bindTo(node);
    }

    void start() {
        thread.start();
    }

    private void bindTo(ClusterNode target) {
        node = target;
        compute = slots.client().compute(slots.client().cluster().forNodeId(target.id())).withNoFailover();
    }

    private void loop() {
        try {
            while (true) {
                Object next = inbox.poll(CHECK_MS, TimeUnit.MILLISECONDS);
                if (next == STOP) {
                    exitCode = 0;
                    return;
                }
                try {
                    if (!slots.alive(node)) {
                        bindTo(slots.bind(node)); // nothing of ours runs there: move
                    }
                } catch (IllegalStateException closedOrEmpty) {
                    if (next != null) {
                        // handed to this slot, but the cluster closed before the slot took it
                        failIfClusterClosed((WorkItem) next, closedOrEmpty);
                    }
                    throw closedOrEmpty;
                }
                if (next != null) {
                    run((WorkItem) next);
                }
            }
        } catch (InterruptedException | IgniteFutureCancelledException e) {
            exitCode = 0; // terminated
        } catch (NodeLost e) {
            // exit code unknown: the pool reports the item it held as lost
        } catch (IllegalStateException e) {
            // the cluster was closed, or has no server node left: the pool reports it as it starts slots
        } catch (RuntimeException e) {
            if (!terminated) {
                System.err.println("mp4j: " + name() + " ends: " + e);
            }
        } finally {
            slots.release(node);
            events.exited(this);
            ended.countDown();
        }
    }

    /** Runs one item on the node and reports its reply. */
    private void run(WorkItem item) throws InterruptedException {
        IgniteFuture<byte[]> future;
        try {
            future = compute.callAsync(new NodeJob(PortableWork.message(item), PortableWork.named(item)));
        } catch (RuntimeException e) {
            failedToRun(item, e);
            return;
        }
        running = future;
        while (true) {
            if (terminated) {
                throw new InterruptedException();
            }
            try {
                byte[] reply = future.get(CHECK_MS, TimeUnit.MILLISECONDS);
                running = null;
                PortableWork.replied(events, this, item, reply);
                return;
            } catch (IgniteFutureTimeoutException stillRunning) {
                if (!future.isDone() && nodeGone()) {
                    // closing the cluster stops its local nodes too: that is not a lost node
                    failIfClusterClosed(item, stillRunning);
                    throw new NodeLost();
                }
            } catch (IgniteFutureCancelledException e) {
                if (!terminated) {
                    // not ours: closing the cluster stops this JVM's client, which cancels its jobs
                    failIfClusterClosed(item, e);
                }
                throw new InterruptedException();
            } catch (RuntimeException e) {
                running = null;
                failedToRun(item, e);
                return;
            }
        }
    }

    /** An item's job failed in Ignite rather than in the task: decide whose fault it was. */
    private void failedToRun(WorkItem item, RuntimeException e) throws InterruptedException {
        if (terminated) {
            throw new InterruptedException();
        }
        failIfClusterClosed(item, e);
        if (nodeGone() || causedBy(e, ClusterTopologyException.class)) {
            throw new NodeLost();
        }
        PortableWork.failed(events, this, item, e);
    }

    /** Once the cluster is closed: fails the item with "the cluster has been closed" and ends the slot. */
    private void failIfClusterClosed(WorkItem item, RuntimeException cause) {
        try {
            slots.client();
        } catch (IllegalStateException clusterClosed) {
            PortableWork.failed(events, this, item, closed(PortableWork.label(item), cause));
            throw clusterClosed;
        }
    }

    private static IllegalStateException closed(String item, Throwable cause) {
        return new IllegalStateException("the cluster has been closed: " + item + " did not finish", cause);
    }

    /**
     * A slot that ends once the cluster is closed was not lost: the item it held next (taken, or
     * still in its inbox, where no check of the slot's reaches it) fails as the cluster's closing.
     * The pool asks as the slot ends; the slot itself answers only items it ran or tried to.
     */
    @Override
    public Throwable unfinished(String item) {
        try {
            slots.client();
            return null;
        } catch (IllegalStateException clusterClosed) {
            return closed(item, null);
        }
    }

    private boolean nodeGone() {
        try {
            return !slots.alive(node);
        } catch (IllegalStateException clientStopped) {
            return true;
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The slot's node has left the cluster while it held an item. */
    private static final class NodeLost extends RuntimeException {
        NodeLost() {
            super(null, null, false, false);
        }
    }

    /** The slot's name and the host of its node: {@code Pool-1-worker-2@10.0.0.12}. */
    @Override
    public String name() {
        ClusterNode n = node;
        return slotName + "@" + n.hostNames().stream().filter(h -> !h.isEmpty()).findFirst()
                .orElse(n.addresses().stream().findFirst().orElse("?"));
    }

    @Override
    public long pid() {
        Object pid = node.attribute(NodeConfig.ATTR_PID);
        return pid instanceof Number n ? n.longValue() : -1;
    }

    @Override
    public void send(WorkItem item) {
        inbox.add(item);
    }

    @Override
    public void stop() {
        inbox.add(STOP);
    }

    @Override
    public void terminate() {
        terminated = true;
        IgniteFuture<byte[]> job = running;
        if (job != null) {
            try {
                job.cancel();
            } catch (RuntimeException e) {
                // the node or the cluster has gone: nothing left to cancel
            }
        }
        thread.interrupt();
    }

    @Override
    public void kill() {
        terminate();
    }

    @Override
    public boolean awaitExit(long millis) {
        try {
            return ended.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ended.getCount() == 0;
        }
    }

    @Override
    public Integer exitCode() {
        return exitCode;
    }
}
