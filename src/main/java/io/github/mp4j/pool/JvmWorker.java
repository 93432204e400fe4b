package io.github.mp4j.pool;

import io.github.mp4j.Process;
import io.github.mp4j.StartMethod;
import io.github.mp4j.Task;

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
 * when the worker JVM has ended, however it ended. A second pipe carries only
 * {@link #interrupt interrupts}, written by the cancelling thread, so a cancel never waits behind
 * a batch of items and the work pipe's format stays as it was ({@link TaskInterrupts}).
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
    /** The pool's end of the control pipe; written under its own monitor. */
    private final PrivateEnd control;
    private final Events events;
    private final LinkedBlockingQueue<WorkItem> outbox = new LinkedBlockingQueue<>();
    private final Thread sender;
    /* The sender thread's own: its message buffer and what the worker already holds. */
    private final WorkCodec.Buffer buffer = new WorkCodec.Buffer();
    private long lastFunction = -1;
    private final java.util.Set<Long> shapesSent = new java.util.HashSet<>();

    private JvmWorker(String name, Process process, PrivateEnd conn, PrivateEnd control, Events events) {
        this.name = name;
        this.process = process;
        this.pid = process.pid();
        this.conn = conn;
        this.control = control;
        this.events = events;
        this.sender = new Thread(this::sendLoop, "mp4j-" + name + "-send");
        this.sender.setDaemon(true);
    }

    /** Starts the worker JVM; returns once it holds its end of the pipe. */
    static JvmWorker start(String name, Task initializer, io.github.mp4j.PoolState.Settings settings,
                           StartMethod method, Events events) throws IOException {
        PrivateEnd[] pipe = PrivateEnd.pipe();
        PrivateEnd[] controlPipe;
        try {
            controlPipe = PrivateEnd.pipe();
        } catch (IOException e) {
            pipe[0].close();
            pipe[1].close();
            throw e;
        }
        PrivateEnd mine = pipe[0];
        Process process = new Process(name, new WorkerLoop(pipe[1], controlPipe[1], initializer,
                settings.maxTasksPerChild(), settings.maxMemoryPerChild()));
        process.setDaemon(true);
        process.setJvmOptions(settings.jvmOptions());
        try {
            process.start(method);
        } catch (IOException | RuntimeException e) {
            mine.close();
            controlPipe[0].close();
            throw e;
        } finally {
            pipe[1].close(); // the worker holds its own copies now
            controlPipe[1].close();
        }
        JvmWorker worker = new JvmWorker(name, process, mine, controlPipe[0], events);
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
                        // the worker's interrupt reader ends at end of file before the worker ends;
                        // left blocked in its read, it held the worker's exit up by some 300 ms
                        closeControl();
                        conn.sendNow(WorkCodec.stop());
                        return;
                    }
                    write(item);
                } while (++batched < BATCH && (item = outbox.poll()) != null);
                conn.flush();
            }
        } catch (IOException e) {
            // the worker has gone: the reader sees end of file and reports it
        } catch (InterruptedException e) {
            // the reader ends us once the worker has gone
        }
    }

    /** Writes one item; a definition (function, lambda shape) goes along the first time only. */
    private void write(WorkItem item) throws IOException {
        if (item.prepared instanceof JvmWorkers.ShapedCall call) {
            WorkCodec.withDefinition(buffer, WorkCodec.SHAPED, item.id, call.shapeId(),
                    shapesSent.add(call.shapeId()) ? call.shape() : null, call.captured());
            conn.send(buffer.array(), 0, buffer.size());
        } else if (item.prepared instanceof JvmWorkers.Call call) {
            conn.send(call.message(), 0, call.message().length);
        } else if (item.prepared instanceof JvmWorkers.Chunk chunk) {
            WorkItem.Function function = item.function;
            WorkCodec.withDefinition(buffer, WorkCodec.CHUNK, item.id, function.id,
                    function.id == lastFunction ? null : function.encoded, chunk.values());
            conn.send(buffer.array(), 0, buffer.size());
            lastFunction = function.id;
        } else {
            throw new IllegalStateException(item.label() + " was not prepared by JvmWorkers: " + item.prepared);
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
        closeControl();
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

    private void closeControl() {
        synchronized (control) {
            try {
                control.close();
            } catch (IOException ignored) {
                // released either way
            }
        }
    }

    @Override
    public void interrupt(WorkItem item) {
        synchronized (control) {
            try {
                control.sendNow(WorkCodec.interrupt(item.id));
            } catch (IOException e) {
                // the worker has gone (or its pipe is closed): nothing of it runs any more
            }
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
