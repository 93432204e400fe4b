package io.github.mp4j.spawn;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every child JVM this JVM started and that may still run, and the promise that none outlives it:
 * a shutdown hook terminates them (SIGTERM, then SIGKILL after a second). A child whose parent dies
 * without running hooks (kill -9) notices its control channel closing and halts by itself.
 */
public final class Children {

    private static final Set<ChildJvm> LIVE = ConcurrentHashMap.newKeySet();
    /** The last children that exited, oldest first, so listings can show their exit codes. */
    private static final java.util.Deque<ChildJvm> ENDED = new java.util.ArrayDeque<>();
    private static final int ENDED_KEPT = 100;
    private static final long TERMINATE_GRACE_MS = 1000;

    private static volatile boolean exiting;

    static {
        try {
            // an anonymous class, not a method reference, for the reason given on ChildMain
            Runtime.getRuntime().addShutdownHook(new Thread(new Runnable() {
                @Override
                public void run() {
                    exiting = true;
                    endAll();
                }
            }, "mp4j-children-shutdown"));
        } catch (IllegalStateException shutdownInProgress) {
            exiting = true; // first touched by a thread still running while the JVM exits
        }
    }

    private Children() {}

    /**
     * Whether this JVM is exiting: no child starts any more, and a child whose boot the exit ended
     * is no failure worth reporting.
     */
    public static boolean exiting() {
        return exiting;
    }

    static void add(ChildJvm child) {
        LIVE.add(child);
    }

    static void remove(ChildJvm child) {
        synchronized (ENDED) { // one step for statuses(): a child is always in LIVE or in ENDED
            LIVE.remove(child);
            ENDED.addLast(child);
            if (ENDED.size() > ENDED_KEPT) {
                ENDED.removeFirst();
            }
        }
    }

    /**
     * The status of every child this JVM started that still runs, and of the last
     * {@value #ENDED_KEPT} that exited, in launch order.
     */
    public static List<ChildStatus> statuses() {
        List<ChildJvm> children;
        synchronized (ENDED) {
            children = new ArrayList<>(ENDED);
            children.addAll(LIVE);
        }
        List<ChildStatus> all = new ArrayList<>();
        children.forEach(c -> all.add(c.status()));
        all.sort(java.util.Comparator.comparing(ChildStatus::launchedAt));
        return all;
    }

    /** The live child of this JVM with process id {@code pid}, or null if none runs. */
    public static ChildJvm find(long pid) {
        for (ChildJvm child : LIVE) {
            if (child.pid() == pid) {
                return child;
            }
        }
        return null;
    }

    /** The live children of this JVM, including pre-started idle ones. */
    public static List<ChildJvm> live() {
        return new ArrayList<>(LIVE);
    }

    /**
     * Waits for every running non-daemon child, as Python does when a process exits. A child JVM
     * calls this after its task, before it exits; the main JVM gets the same effect from the
     * non-daemon threads that wait for such children.
     */
    static void awaitNonDaemon() {
        for (ChildJvm child : live()) {
            if (child.keepsParentAlive()) {
                child.awaitExit(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Terminates every child, waiting a bounded time for each before killing it. */
    public static void endAll() {
        ClassDataArchive.stopTraining();
        List<ChildJvm> all = live();
        for (ChildJvm child : all) {
            child.terminate();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TERMINATE_GRACE_MS);
        for (ChildJvm child : all) {
            if (!child.awaitExit(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                child.kill();
            }
        }
    }
}
