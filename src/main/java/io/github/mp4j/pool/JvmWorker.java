package io.github.mp4j.pool;

import io.github.mp4j.Process;
import io.github.mp4j.StartMethod;
import io.github.mp4j.Task;
import io.github.mp4j.spawn.ChildJvm;
import io.github.mp4j.spawn.Children;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A worker that is a child JVM running {@link WorkerLoop}, reached through a duplex pipe of its own
 * ({@link PrivateEnd}).
 *
 * <p>Two daemon threads per worker: the sender writes queued items to the pipe (so the dispatcher
 * never blocks on a full pipe), all the items queued at that moment in one write, and the reader
 * reads replies until end of file, which comes when the worker's copy of its end closes — that is,
 * when the worker JVM has ended, however it ended. {@link #interrupt Interrupts} travel on the
 * control channel every child JVM has ({@code ChildJvm#interrupt}), written by the cancelling
 * thread, so a cancel never waits behind a batch of items, and a worker that is never cancelled
 * pays for no pipe or thread of its own ({@link TaskInterrupts}).
 */
final class JvmWorker implements Worker {

    private static final long EXIT_WAIT_MS = 5_000;
    /** Queued after the last item: tells the sender to send STOP and finish. */
    private static final WorkItem STOP = WorkItem.call(null, null);
    /** At most this many items go out in one write, so that the first of a burst is not held back long. */
    private static final int BATCH = 64;

    private final String name;
    private final Process process;
    private final long pid;
    private final PrivateEnd conn;
    /** The worker's child JVM, for interrupts; null if it was gone before we looked. */
    private final ChildJvm child;
    private final Events events;
    private final LinkedBlockingQueue<WorkItem> outbox = new LinkedBlockingQueue<>();
    private final Thread sender;
    /** The sender thread's own. */
    private final WorkWriter writer = new WorkWriter();

    private JvmWorker(String name, Process process, PrivateEnd conn, Events events) {
        this.name = name;
        this.process = process;
        this.pid = process.pid();
        this.conn = conn;
        this.child = Children.find(pid);
        this.events = events;
        this.sender = new Thread(this::sendLoop, "mp4j-" + name + "-send");
        this.sender.setDaemon(true);
    }

    /** Starts the worker JVM; returns once it holds its end of the pipe. */
    static JvmWorker start(String name, Task initializer, io.github.mp4j.PoolState.Settings settings,
                           StartMethod method, Events events) throws IOException {
        PrivateEnd[] pipe = PrivateEnd.pipe();
        PrivateEnd mine = pipe[0];
        Process process = new Process(name, new WorkerLoop(pipe[1], initializer,
                settings.maxTasksPerChild(), settings.maxMemoryPerChild()));
        process.setDaemon(true);
        process.setJvmOptions(settings.jvmOptions());
        try {
            process.start(method);
        } catch (IOException | RuntimeException e) {
            mine.close();
            throw e;
        } finally {
            pipe[1].close(); // the worker holds its own copy now
        }
        JvmWorker worker = new JvmWorker(name, process, mine, events);
        worker.sender.start();
        Thread reader = new Thread(worker::readLoop, "mp4j-" + name + "-read");
        reader.setDaemon(true);
        reader.start();
        return worker;
    }

    private void sendLoop() {
        try {
            while (true) {
                WorkItem item = outbox.take();
                int batched = 0;
                do {
                    if (item == STOP) {
                        conn.sendNow(WorkCodec.stop());
                        return;
                    }
                    writer.write(conn, item);
                } while (++batched < BATCH && (item = outbox.poll()) != null);
                conn.flush();
            }
        } catch (IOException e) {
            // the worker has gone: the reader sees end of file and reports it
        } catch (InterruptedException e) {
            // the reader ends us once the worker has gone
        }
    }

    private void readLoop() {
        try {
            while (true) {
                WorkCodec.Reply reply = WorkCodec.reply(conn.recv(), name, pid);
                if (reply.kind() == WorkCodec.RETIRE) {
                    events.retiring(this);
                } else if (reply.kind() == WorkCodec.INIT_ERROR) {
                    events.initializerFailed(this, reply.outcome().error);
                } else {
                    events.replied(this, reply.id(), reply.outcome());
                }
            }
        } catch (java.io.EOFException ended) {
            // the worker JVM has ended
        } catch (IOException | RuntimeException e) {
            System.err.println("mp4j: lost the pipe to " + name + " (pid " + pid + "), ending it: " + e);
            process.kill();
        }
        sender.interrupt();
        try {
            conn.close();
        } catch (IOException ignored) {
            // released either way
        }
        awaitExit(EXIT_WAIT_MS);
        events.exited(this);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public void send(WorkItem item) {
        outbox.add(item);
    }

    @Override
    public void interrupt(WorkItem item) {
        if (child != null) {
            child.interrupt(item.id);
        }
    }

    @Override
    public void stop() {
        outbox.add(STOP);
    }

    @Override
    public void terminate() {
        if (process.isAlive()) {
            process.terminate();
        }
    }

    @Override
    public void kill() {
        if (process.isAlive()) {
            process.kill();
        }
    }

    @Override
    public boolean awaitExit(long millis) {
        try {
            process.join(Duration.ofMillis(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !process.isAlive();
    }

    @Override
    public Integer exitCode() {
        return process.exitCode();
    }
}
