package io.github.mp4j.spawn;

import io.github.mp4j.handles.ReadSide;
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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * The entry point of every child JVM.
 *
 * <p>Reads its invitation ("parent-pid where") from stdin, opens the upward channel there (see
 * {@link Upward}), says
 * HELLO, then waits for one task (a warm child may wait a long time). A daemon thread reads the control channel for the
 * rest of the child's life; when the parent's end closes, the parent is gone and the child halts,
 * so that no child outlives its parent even when the parent was killed with SIGKILL.
 *
 * <p>Exit path. However the child ends (its task returned, the task called {@code System.exit}, a
 * SIGTERM, a halt of mp4j's), it first ends every read of a pipe blocked in this JVM, its own
 * control reader's included ({@link ReadSide#endAll}, from the shutdown hook or {@link #halt}):
 * HotSpot's exit waits up to 300 ms for each thread blocked in a native read, which is longer
 * than the rest of a child's exit.
 *
 * <p>What a child runs before and after its task (this class, {@link Children}) uses anonymous
 * classes, not lambdas or method references: the first lambda a JVM links bootstraps
 * {@code LambdaMetafactory}, over 10 ms of interpreted code that a child whose task is a
 * {@code DirectTask} (see {@code shipping/LambdaShape#readRunOnce}) then never pays.
 */
public final class ChildMain {

    private static final byte[] NO_TASK = new byte[0];
    /** Set once this JVM's exit has begun: an end of file on the control channel is then our own doing. */
    private static volatile boolean exiting;

    private final Control control;
    private final BlockingQueue<byte[]> tasks = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> classReplies = new LinkedBlockingQueue<>();
    private final Thread reader = new Thread(new Runnable() {
        @Override
        public void run() {
            readControl();
        }
    }, "mp4j-control");
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
                endReads();
            }
        }, "mp4j-end-reads"));
        // The control channel owns fd 0; user code reading System.in sees an empty stream, as in Python.
        InputStream down = new BufferedInputStream(ReadSide.of(new FileInputStream(FileDescriptor.in)));
        System.setIn(InputStream.nullInputStream());
        String[] invitation = readLine(down).trim().split(" ");
        if (invitation.length < 2) {
            System.err.println("mp4j: ChildMain is started by io.github.mp4j.Process, not by hand");
            System.exit(2);
        }
        OutputStream up = Upward.connect(Long.parseLong(invitation[0]), invitation[1]);
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
        control.send(Control.EXIT, ByteBuffer.allocate(4).putInt(status).array());
        // With no other non-daemon thread left, returning from main exits at once, status 0, after the
        // same shutdown hooks as System.exit(0). A child exits that way when it can, because
        // Runtime.exit (Java 21 and later) first asks System.getLogger("java.lang.Runtime") whether to
        // log the exit, and finding the logging backend runs a ServiceLoader over the system class
        // loader, which opens and indexes every jar of the class path: 35-60 ms of CPU per child with
        // the benchmarks' 40 jars on Java 25, measured (2026-12-08), a fifth to a third of its CPU.
        if (status == 0 && LiveThreads.otherNonDaemon().isEmpty()) {
            return;
        }
        System.exit(status); // the shutdown hooks end our reads and terminate daemon children
    }

    private void readControl() {
        try {
            for (Control.Message m; (m = control.read()) != null; ) {
                switch (m.kind()) {
                    case Control.TASK -> tasks.add(m.body());
                    case Control.CLASS_REPLY -> classReplies.add(m.body());
                    case Control.INTERRUPT -> interrupt(m.buffer().getLong());
                    default -> throw new IOException("unexpected control message " + m.kind());
                }
            }
        } catch (IOException | RuntimeException e) {
            // falls through: a broken channel means the same as a closed one
        }
        if (!exiting) {
            // The parent is gone. Children of this JVM see their own channels close in turn.
            halt(1);
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
     * The first step of every exit of a child JVM: ends every read of a pipe blocked in it,
     * so that the exit need not wait for them. Idempotent.
     */
    private static void endReads() {
        exiting = true;
        ReadSide.endAll();
    }

    /**
     * Ends this child JVM at once, as {@link Runtime#halt} does (no shutdown hooks), but without
     * HotSpot's wait for threads blocked in reads; in a JVM that is not a child, just halts.
     */
    public static void halt(int status) {
        endReads();
        Runtime.getRuntime().halt(status);
    }

    /* ---- interrupts of a pool worker's items ({@link Control#INTERRUPT}) ---- */

    /* guarded by INTERRUPTS */
    private static java.util.function.LongConsumer interruptListener;
    private static final java.util.List<Long> INTERRUPTS = new java.util.ArrayList<>();

    private void interrupt(long id) {
        if (id == Control.THE_TASK) {
            interruptTask();
            return;
        }
        java.util.function.LongConsumer listener;
        synchronized (INTERRUPTS) {
            listener = interruptListener;
            if (listener == null) {
                INTERRUPTS.add(id); // the worker loop has not started listening yet
                return;
            }
        }
        listener.accept(id);
    }

    /**
     * Gives {@code listener} every item id the parent asks to interrupt ({@code ChildJvm.interrupt}),
     * those that came before this call first, on the control channel's reader thread: it must not
     * block. A pool worker's loop listens so (see {@code pool/TaskInterrupts}); in a JVM that is
     * not a child, nothing ever arrives.
     */
    public static void onInterrupt(java.util.function.LongConsumer listener) {
        synchronized (INTERRUPTS) {
            interruptListener = listener;
            for (long id : INTERRUPTS) {
                listener.accept(id);
            }
            INTERRUPTS.clear();
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
