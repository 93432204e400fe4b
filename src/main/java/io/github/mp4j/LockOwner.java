package io.github.mp4j;

import io.github.mp4j.handles.ProcessToken;

/**
 * The words a lock's {@code toString()} uses for its holder, from the holder's process token and
 * thread id: the process by name where this process knows it ({@code MainProcess}, its own name in a
 * child, the parent's or a child's name), else {@code pid N}; then {@code |} and the thread, by name
 * in this process and by id in another, unless it is the process's main thread. Python's lock
 * {@code __repr__} says {@code SomeOtherThread} or {@code SomeOtherProcess} where this names them.
 */
final class LockOwner {

    /**
     * The id of this JVM's main thread (the one that runs a child's task), taken for every JVM of
     * this Java version: each numbers its first threads alike (1 on Java 17, another on Java 25),
     * and children run on the parent's Java.
     */
    private static final long MAIN_THREAD_ID = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("main")).mapToLong(Thread::getId).findFirst().orElse(1);

    private LockOwner() {
    }

    static String describe(long token, long threadId) {
        if (token == ProcessToken.SELF) {
            return Process.current().name() + threadSuffix(threadId, localThreadName(threadId));
        }
        long pid = ProcessToken.pid(token);
        return processName(pid) + threadSuffix(threadId, "thread " + threadId);
    }

    private static String threadSuffix(long threadId, String name) {
        return threadId == 0 || threadId == MAIN_THREAD_ID ? "" : "|" + name;
    }

    private static String localThreadName(long threadId) {
        if (Thread.currentThread().getId() == threadId) {
            return Thread.currentThread().getName();
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getId() == threadId) {
                return t.getName();
            }
        }
        return "thread " + threadId;
    }

    private static String processName(long pid) {
        ParentProcess parent = Process.parent();
        if (parent != null && parent.pid() == pid) {
            return parent.name();
        }
        for (Process child : Process.activeChildren()) {
            if (Long.valueOf(pid).equals(child.pid())) {
                return child.name();
            }
        }
        return "pid " + pid;
    }
}
