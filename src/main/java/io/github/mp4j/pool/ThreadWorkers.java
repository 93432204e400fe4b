package io.github.mp4j.pool;

import io.github.mp4j.Task;

import java.util.concurrent.LinkedBlockingQueue;

/**
 * Workers that are threads of this JVM: a {@link io.github.mp4j.ThreadPool}'s. Nothing is
 * serialized; a task's exception reaches the caller as the very object it threw.
 */
public final class ThreadWorkers implements Worker.Backend {

    private final Task initializer;
    private final int maxTasksPerThread;

    public ThreadWorkers(Task initializer, int maxTasksPerThread) {
        this.initializer = initializer;
        this.maxTasksPerThread = maxTasksPerThread;
    }

    @Override
    public String kind() {
        return "thread";
    }

    @Override
    public void prepare(WorkItem item) {
        // runs as it is
    }

    @Override
    public Worker start(String name, Worker.Events events) {
        ThreadWorker worker = new ThreadWorker(name, events);
        worker.thread.start();
        return worker;
    }

    private final class ThreadWorker implements Worker {
        private final String name;
        private final Events events;
        private final Thread thread;
        private final TaskInterrupts interrupts;
        /** Set by terminate and kill: the interrupt they send may land in a task, which clears it after. */
        private volatile boolean ended;
        private final LinkedBlockingQueue<WorkItem> inbox = new LinkedBlockingQueue<>();
        /** Queued after the last item: tells the thread to finish. */
        private final WorkItem stop = WorkItem.call(null, null);

        ThreadWorker(String name, Events events) {
            this.name = name;
            this.events = events;
            this.thread = new Thread(this::loop, "mp4j-" + name);
            this.thread.setDaemon(true);
            this.interrupts = new TaskInterrupts(thread);
        }

        private void loop() {
            try {
                if (initializer != null) {
                    try {
                        initializer.run();
                    } catch (Throwable t) {
                        events.initializerFailed(this, t);
                        return;
                    }
                }
                for (int done = 0; maxTasksPerThread == 0 || done < maxTasksPerThread; done++) {
                    WorkItem item = inbox.take();
                    if (item == stop) {
                        return;
                    }
                    Outcome outcome;
                    if (!interrupts.starting(item.id)) {
                        outcome = Outcome.failed(new java.util.concurrent.CancellationException(
                                item.label() + " was cancelled before it started"));
                    } else {
                        try {
                            outcome = Outcome.ok(item.work().run());
                        } catch (Throwable t) {
                            outcome = Outcome.failed(t);
                        } finally {
                            interrupts.finished();
                        }
                    }
                    events.replied(this, item.id, outcome);
                    if (ended) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // terminated
            } finally {
                events.exited(this);
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long pid() {
            return ProcessHandle.current().pid();
        }

        @Override
        public void send(WorkItem item) {
            inbox.add(item);
        }

        @Override
        public void interrupt(WorkItem item) {
            interrupts.cancel(item.id);
        }

        @Override
        public void stop() {
            inbox.add(stop);
        }

        @Override
        public void terminate() {
            ended = true;
            thread.interrupt();
        }

        @Override
        public void kill() {
            terminate(); // a thread cannot be killed; a task that ignores interrupts runs on
        }

        @Override
        public boolean awaitExit(long millis) {
            try {
                thread.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return !thread.isAlive();
        }

        @Override
        public Integer exitCode() {
            return thread.isAlive() ? null : 0;
        }
    }
}
