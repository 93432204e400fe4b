package io.github.mp4j.pool;

import io.github.mp4j.SerializableCallable;
import io.github.mp4j.StartMethod;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A pool worker's task loop run once in this JVM, both ends of its pipe here: what the class-data
 * training JVM ({@code spawn/ClassDataArchive}) runs so that a worker's classes (reading and
 * decoding an item, running it, encoding and sending its result) come from the archive, and on
 * Java 25 their profiles too. Each way an item travels goes once: a map's chunk (a compact function
 * over numbers), a lambda as a shape and its captured values, and a call in Java serialization.
 */
public final class WorkerRehearsal {

    private static final long BOUND_SECONDS = 30;

    private WorkerRehearsal() {}

    /**
     * Runs the rehearsal; returns once the loop has answered every item and ended at STOP.
     *
     * @throws IOException if the loop answered wrongly or did not end within 30 s
     */
    public static void run() throws IOException, InterruptedException {
        PrivateEnd[] pipe = PrivateEnd.pipe();
        try (PrivateEnd pool = pipe[0]; PrivateEnd worker = pipe[1]) {
            WorkerLoop loop = new WorkerLoop(worker, null, 0, 0);
            Thread thread = new Thread(new Runnable() { // not a lambda: see spawn/ChildMain
                @Override
                public void run() {
                    try {
                        loop.run();
                    } catch (IOException e) {
                        // the pool side below then fails to read a reply
                    }
                }
            }, "mp4j-worker-rehearsal");
            thread.setDaemon(true);
            thread.start();
            List<Integer> numbers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                numbers.add(i);
            }
            String captured = "rehearsal";
            List<Object> boxes = new ArrayList<>(List.of("a", 1, 2.0));
            SerializableCallable<Integer> shaped = () -> captured.length();
            SerializableCallable<Integer> serialized = () -> boxes.size();
            List<WorkItem> items = List.of(
                    WorkItem.chunk(null, 0, new WorkItem.Function(1, (Integer x) -> x * 2), numbers),
                    WorkItem.call(null, shaped),
                    WorkItem.call(null, serialized));
            JvmWorkers backend = new JvmWorkers(null, null, StartMethod.SPAWN);
            WorkWriter writer = new WorkWriter();
            long id = 0;
            for (WorkItem item : items) {
                item.id = ++id;
                backend.prepare(item);
                writer.write(pool, item);
                pool.flush();
                WorkCodec.Reply reply = WorkCodec.reply(pool.recv(), "rehearsal", ProcessHandle.current().pid());
                if (reply.id() != item.id || reply.outcome().error != null) {
                    throw new IOException("the rehearsed worker answered item " + item.id + " with " + reply);
                }
            }
            pool.sendNow(WorkCodec.stop());
            thread.join(TimeUnit.SECONDS.toMillis(BOUND_SECONDS));
            if (thread.isAlive()) {
                throw new IOException("the rehearsed worker loop did not end at STOP");
            }
        }
    }
}
