package io.github.mp4j.spawn;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code Process} child ends as soon as its task has returned, before it waits for the
 * non-daemon threads the task started: services mp4j started on the task's behalf whose threads
 * are not daemons and would keep the child alive for ever, such as a cluster's client node
 * (Ignite's threads are not daemons). A thread the task started and left running can therefore
 * not use such a service after the task has returned. In a JVM that is not a child nothing runs
 * these actions; the services' shutdown hooks end them at exit.
 */
public final class TaskEnd {

    /* guarded by itself */
    private static final List<Runnable> ACTIONS = new ArrayList<>();

    private TaskEnd() {
    }

    /** Runs {@code action} when this child's task has returned; it must be idempotent. */
    public static void register(Runnable action) {
        synchronized (ACTIONS) {
            ACTIONS.add(action);
        }
    }

    /** Runs every registered action once, in order, each failure apart (it is printed to stderr). */
    public static void runAll() {
        List<Runnable> actions;
        synchronized (ACTIONS) {
            actions = new ArrayList<>(ACTIONS);
            ACTIONS.clear();
        }
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
        }
    }
}
