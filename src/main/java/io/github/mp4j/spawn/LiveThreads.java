package io.github.mp4j.spawn;

import java.util.ArrayList;
import java.util.List;

/**
 * The threads a child JVM's exit depends on. Listed through the thread groups rather than
 * {@code Thread.getAllStackTraces()}, which would stop every thread to take stacks nobody reads,
 * once more on each child's exit.
 */
public final class LiveThreads {

    private LiveThreads() {
    }

    /** The live platform threads of this JVM that are not daemons, the calling thread excepted. */
    public static List<Thread> otherNonDaemon() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads;
        int n;
        do { // a full array may have missed threads started meanwhile: list again, larger
            threads = new Thread[root.activeCount() + 8];
            n = root.enumerate(threads, true);
        } while (n == threads.length);
        List<Thread> others = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread t = threads[i];
            if (t != Thread.currentThread() && t.isAlive() && !t.isDaemon()) {
                others.add(t);
            }
        }
        return others;
    }
}
