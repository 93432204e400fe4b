package io.github.mp4j.spawn;

import io.github.mp4j.handles.Fifo;
import io.github.mp4j.shipping.ClassShipping;
import io.github.mp4j.shipping.ShippedClassLoader;
import io.github.mp4j.wire.ObjectCodec;
import io.github.mp4j.wire.Parts;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The entry point of every child JVM.
 *
 * <p>Reads its invitation ("parent-pid fd") from stdin, reopens the parent's upward FIFO, says
 * HELLO, then waits for one task (a warm child may wait a long time). A daemon thread reads the control channel for the
 * rest of the child's life; when the parent's end closes, the parent is gone and the child halts,
 * so that no child outlives its parent even when the parent was killed with SIGKILL.
 *
 * <p>What a child runs before and after its task (this class, {@link Children}) uses anonymous
 * classes, not lambdas or method references: the first lambda a JVM links bootstraps
 * {@code LambdaMetafactory}, over 10 ms of interpreted code that a child whose task is a
 * {@code DirectTask} (see {@code shipping/LambdaShape#readRunOnce}) then never pays.
 */
public final class ChildMain {

    private static final byte[] NO_TASK = new byte[0];
    private static final long EXIT_HANDSHAKE_MS = 1000;
    /** How long an end of file after TERMINATE waits for the shutdown that the parent's SIGTERM starts. */
    private static final long SIGNAL_GRACE_MS = 500;
    /** Counted down when this JVM starts shutting down (a SIGTERM, say). */
    private static final CountDownLatch SHUTTING_DOWN = new CountDownLatch(1);

    private final Control control;
    private final BlockingQueue<byte[]> tasks = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> classReplies = new LinkedBlockingQueue<>();
    private final Thread reader = new Thread(new Runnable() {
        @Override
        public void run() {
            readControl();
        }
    }, "mp4j-control");
    /** Set once this child has announced its exit; end of file is then the parent's answer. */
    private volatile boolean exiting;
    /** The thread that runs the task, which INTERRUPT interrupts; null until the task runs. Guarded by this. */
    private Thread taskThread;
    /** An INTERRUPT came before the task ran: the task starts interrupted. Guarded by this. */
    private boolean interruptPending;

    private ChildMain(Control control) {
        this.control = control;
    }

    /** The invitation's third word for a child that will wait for its task: use the wait to warm up. */
    static final String PREWARM = "prewarm";

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals(ClassDataArchive.TRAIN)) {
            ClassDataArchive.exerciseChildPaths();
            System.exit(0);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(new Runnable() {
            @Override
            public void run() {
                SHUTTING_DOWN.countDown();
            }
        }, "mp4j-shutting-down"));
        // The control channel owns fd 0; user code reading System.in sees an empty stream, as in Python.
        InputStream down = new BufferedInputStream(new FileInputStream(FileDescriptor.in));
        System.setIn(InputStream.nullInputStream());
        String[] invitation = readLine(down).trim().split(" ");
        if (invitation.length < 2) {
            System.err.println("mp4j: ChildMain is started by io.github.mp4j.Process, not by hand");
            System.exit(2);
        }
        OutputStream up = Fifo.openWriter(Long.parseLong(invitation[0]), Integer.parseInt(invitation[1]));
        Control control = new Control(down, up, new Closeable() {
            @Override
            public void close() throws IOException {
                up.close();
                down.close();
            }
        });
        control.send(Control.HELLO, NO_TASK);
        new ChildMain(control).runTask(invitation.length > 2 && invitation[2].equals(PREWARM));
    }

    private void runTask(boolean prewarm) throws IOException, InterruptedException {
        ShippedClassLoader loader = new ShippedClassLoader(ClassLoader.getSystemClassLoader(),
                new Function<String, byte[]>() {
                    @Override
                    public byte[] apply(String name) {
                        return fetchClass(name);
                    }
                });
        ClassShipping.setLoader(loader);
        Thread.currentThread().setContextClassLoader(loader);
        reader.setDaemon(true);
        reader.start();

        if (prewarm && prewarm(tasks)) {
            control.send(Control.TRAINED, NO_TASK);
        }
        byte[] bytes = tasks.take();
        ChildTask task;
        try {
            task = TaskMessage.decode(bytes);
        } catch (Exception | LinkageError e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            control.send(Control.START_FAILED, trace.toString());
            System.exit(1);
            return;
        }
        control.send(Control.OPENED, NO_TASK);
        runningTask(Thread.currentThread());
        int status = task.run();
        runningTask(null);
        flush(System.out);
        flush(System.err);
        Children.awaitNonDaemon();
        exiting = true;
        control.send(Control.EXIT, ByteBuffer.allocate(4).putInt(status).array());
        // The parent answers EXIT by closing our stdin. Waiting for the reader to see that matters:
        // the JVM's exit waits up to 300 ms for threads blocked in native reads.
        reader.join(EXIT_HANDSHAKE_MS);
        System.exit(status); // the shutdown hook terminates daemon children
    }

    private void readControl() {
        boolean terminating = false;
        try {
            for (Control.Message m; (m = control.read()) != null; ) {
                switch (m.kind()) {
                    case Control.TASK -> tasks.add(m.body());
                    case Control.CLASS_REPLY -> classReplies.add(m.body());
                    case Control.TERMINATE -> terminating = true;
                    case Control.INTERRUPT -> interruptTask();
                    default -> throw new IOException("unexpected control message " + m.kind());
                }
            }
        } catch (IOException | RuntimeException e) {
            // falls through: a broken channel means the same as a closed one
        }
        if (!exiting && !(terminating && shutdownBegins())) {
            // The parent is gone. Children of this JVM see their own channels close in turn.
            Runtime.getRuntime().halt(1);
        }
    }

    /** Flushes what the task printed; a task may have set the stream to null, as Python's may set it to None. */
    private static void flush(PrintStream stream) {
        if (stream != null) {
            stream.flush();
        }
    }

    private synchronized void runningTask(Thread thread) {
        taskThread = thread;
        if (thread != null && interruptPending) {
            thread.interrupt();
        }
    }

    private synchronized void interruptTask() {
        if (taskThread != null) {
            taskThread.interrupt();
        } else {
            interruptPending = true;
        }
    }

    /**
     * Whether this JVM is shutting down, or starts to within a moment; asked only after TERMINATE,
     * so an orphan halts at once. The parent closes our stdin right after it sends SIGTERM (so that
     * the shutdown need not wait for this thread's read, see {@code ChildJvm.terminate}); that end
     * of file must not be taken for the parent's death, which would halt with status 1 instead of
     * the signal's. Asking whether the parent is alive cannot tell the two apart: a parent killed
     * with SIGKILL has closed our stdin while it still looks alive (exiting, or a zombie that its
     * own parent has not reaped yet), and waiting here for its shutdown delayed orphans by the grace.
     */
    private static boolean shutdownBegins() {
        try {
            return SHUTTING_DOWN.await(SIGNAL_GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Asks the parent for a class file; one request at a time keeps replies in order. */
    private synchronized byte[] fetchClass(String name) {
        try {
            control.send(Control.CLASS_REQUEST, name);
            byte[] reply = classReplies.take();
            if (reply.length == 0 || reply[0] == 0) {
                return null;
            }
            byte[] bytes = new byte[reply.length - 1];
            System.arraycopy(reply, 1, bytes, 0, bytes.length);
            return bytes;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Trains a warm child while it waits: rebuilds and runs a task in both forms of
     * {@link TaskMessage}, {@value #TRAINING_ROUNDS} times, so that their classes are loaded and their
     * hottest methods compiled before the real task comes. The first form is a
     * task made of simple parts; the second travels by Java serialization (about 0.1 s of CPU the
     * first time, which a task made of parts never needs and should not wait for). Stops as soon as
     * the real task has arrived.
     *
     * @return whether the training ran to its end
     */
    private static boolean prewarm(BlockingQueue<byte[]> arrived) {
        try {
            String captured = "warm";
            ChildTask task = () -> captured.length();
            byte[] parts = TaskMessage.encode(new Rehearsal(task));
            byte[] serialized = ObjectCodec.serialize(task);
            for (int round = 0; round < TRAINING_ROUNDS; round++) {
                if (!arrived.isEmpty()) {
                    return false;
                }
                TaskMessage.decode(parts).run();
                if (!arrived.isEmpty()) {
                    return false;
                }
                ((ChildTask) ObjectCodec.deserialize(serialized)).run();
            }
            return true;
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            return false; // only an optimisation
        }
    }

    /**
     * Rounds of a warm child's training: enough to load every class of both paths and compile their
     * hottest inner methods, about 15 ms of CPU beyond the first round. More pays less than it costs
     * on a machine that boots the replacements on the same CPUs: measured on two CPUs
     * (2026-12-07, alternated, heavily loaded), a paced warm start took 19–24 ms after 30 rounds
     * against 108–454 ms after one and 159–1029 ms after 300, and 300 rounds cost each warm JVM
     * about 0.15 CPU-seconds more than one (its whole boot costs about as much), 30 rounds 0.03.
     */
    private static final int TRAINING_ROUNDS = 30;

    /** A task made of parts, for {@link #prewarm} and {@link ClassDataArchive#exerciseChildPaths}. */
    record Rehearsal(ChildTask task) implements ChildTask, Parts {

        Rehearsal(Object[] parts) {
            this((ChildTask) parts[0]);
        }

        @Override
        public Object[] parts() {
            return new Object[] {task};
        }

        @Override
        public int run() {
            return task.run();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != -1 && c != '\n'; ) {
            line.append((char) c);
        }
        return line.toString();
    }
}
