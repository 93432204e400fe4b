package io.github.mp4j.pool;

import io.github.mp4j.StartMethod;
import io.github.mp4j.Task;
import io.github.mp4j.handles.Transfer;

/**
 * Workers that are child JVMs: a {@link io.github.mp4j.Pool}'s. Items are serialized when they are
 * submitted, with the static state snapshot the kernel asks for (see {@link Transfer#serializeTask}),
 * so a worker sees the notebook's variables as they were at submission.
 */
public final class JvmWorkers implements Worker.Backend {

    private final Task initializer;
    private final int maxTasksPerChild;
    private final StartMethod startMethod;

    public JvmWorkers(Task initializer, int maxTasksPerChild, StartMethod startMethod) {
        this.initializer = initializer;
        this.maxTasksPerChild = maxTasksPerChild;
        this.startMethod = startMethod;
    }

    @Override
    public String kind() {
        return "process";
    }

    @Override
    public void prepare(WorkItem item) throws java.io.IOException {
        if (item.call != null) {
            item.prepared = WorkCodec.call(item.id, Transfer.serializeTask(item.call));
            return;
        }
        synchronized (item.function) {
            if (item.function.encoded == null) {
                item.function.encoded = Transfer.serializeTask(item.function.fn);
            }
        }
        item.prepared = WorkCodec.values(item.items);
    }

    @Override
    public Worker start(String name, Worker.Events events) throws java.io.IOException {
        return JvmWorker.start(name, initializer, maxTasksPerChild, startMethod, events);
    }
}
