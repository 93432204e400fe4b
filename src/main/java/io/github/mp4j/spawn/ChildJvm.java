package io.github.mp4j.spawn;

import io.github.mp4j.shipping.ClassShipping;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The parent's handle on one child JVM: launching it, handing it its task, serving its class
 * requests, copying its output, and reading its exit status.
 *
 * <p>Implementation overview. {@link #launch} opens the upward half ({@link Upward}) of the {@link Control}
 * channel, starts {@code java ... ChildMain}, writes "parent-pid fd" to its stdin and waits
 * (bounded, watching the child's liveness) until the child has connected upwards and said HELLO. From then on one daemon thread per child
 * reads its control channel: class requests are answered from {@link ClassShipping}, OPENED and
 * START_FAILED complete {@link #opened}, EXIT records the status the child announced. Two more
 * daemon threads copy stdout and stderr. {@link #start} sends the task and returns once the child
 * reports that every handle in it is open, so the caller may close its own copies right away.
 *
 * <p>A task that carries no handle needs no such wait, nor the wait for HELLO: {@link #launchUnconfirmed}
 * and {@link #startUnconfirmed} return as soon as the JVM is launched and the task is written to its
 * stdin, where it waits for the child to boot, as Python's spawn writes its pickled task. Then many
 * children boot at once instead of one after the other; what we hold for the upward half stays until HELLO
 * or the child's exit, and a child that cannot read its task says why on this JVM's stderr and exits
 * with status 1.
 */
public final class ChildJvm {

    private static final long CONNECT_TIMEOUT_MS = 60_000;
    private static final long OPEN_TIMEOUT_MS = 120_000;
    private static final long DRAIN_TIMEOUT_MS = 2_000;
    /** Children launched and not yet connected (nor failed to): how many boot at this moment. */
    private static final AtomicInteger BOOTING = new AtomicInteger();

    private final java.lang.Process os;
    private final Control control;
    private final OutputPump stdout;
    private final OutputPump stderr;
    private final Upward up;
    private final CompletableFuture<Void> hello = new CompletableFuture<>();
    private final CompletableFuture<String> opened = new CompletableFuture<>();
    /** Completed when a warm child says it has rehearsed a task's paths: see {@link #trained()}. */
    private final CompletableFuture<Void> trained = new CompletableFuture<>();
    private volatile Integer announcedExit;
    private volatile boolean keepsParentAlive;
    private final java.time.Instant launchedAt = java.time.Instant.now();
    /** When the child was seen to exit; null while it runs. */
    private volatile java.time.Instant exitedAt;
    /** What runs in the child (a process name); null while it waits for a task. */
    private volatile String label;
    /** Whether no caller waits for the child to open its task, so a failure to start is reported here. */
    private volatile boolean unconfirmed;

    private ChildJvm(java.lang.Process os, Control control, OutputPump stdout, OutputPump stderr,
                     Upward up) {
        this.os = os;
        this.up = up;
        this.control = control;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts a child JVM and waits until it is connected and ready for a task. */
    public static ChildJvm launch() throws IOException {
        return launch(false);
    }

    /**
     * As {@link #launch()} ({@code confirmed}) or {@link #launchUnconfirmed()}, with JVM options of
     * this child's own after the usual ones.
     */
    public static ChildJvm launch(boolean confirmed, List<String> options) throws IOException {
        return launch(false, confirmed, options);
    }

    /**
     * Starts a child JVM; a {@code prewarmed} one, which will wait for its task, trains its task
     * paths meanwhile (see {@link #trained()}), so its real task does not pay for loading and
     * compiling that machinery.
     */
    static ChildJvm launch(boolean prewarmed) throws IOException {
        return launch(prewarmed, true, List.of());
    }

    /**
     * Starts a child JVM without waiting for it to boot; hand it a task with {@link #startUnconfirmed}.
     * A child that fails to boot shows it by its exit status and what it printed.
     */
    public static ChildJvm launchUnconfirmed() throws IOException {
        return launch(false, false, List.of());
    }

    private static ChildJvm launch(boolean prewarmed, boolean awaitHello, List<String> options) throws IOException {
        if (Children.exiting()) { // also registers the hook that ends children before the first starts
            throw new IOException("this JVM is exiting: no child JVM starts any more");
        }
        boolean crowded = BOOTING.getAndIncrement() > 0;
        java.lang.Process os = null;
        Upward up;
        try {
            os = new ProcessBuilder(JvmCommand.forChild(crowded, options)).start();
            up = Upward.open(); // while the JVM boots: it reads its invitation only once it runs
        } catch (IOException | RuntimeException e) {
            BOOTING.decrementAndGet();
            if (os != null) {
                os.destroyForcibly();
            }
            throw e;
        }
        OutputPump stdout = new OutputPump(os.getInputStream(), () -> System.out, "mp4j-stdout-" + os.pid());
        OutputPump stderr = new OutputPump(os.getErrorStream(), () -> System.err, "mp4j-stderr-" + os.pid());
        stdout.start();
        stderr.start();
        OutputStream stdin = os.getOutputStream();
        // What we hold for the child to connect upwards stays until it has (or has died).
        Control control = new Control(up.input(), stdin, () -> {
            up.close();
            stdin.close();
        });
        ChildJvm child = new ChildJvm(os, control, stdout, stderr, up);
        child.hello.whenComplete((connected, failed) -> BOOTING.decrementAndGet());
        Children.add(child);
        os.onExit().thenRun(() -> {
            child.exitedAt = java.time.Instant.now();
            Children.remove(child);
            child.dropParentWriter(); // if it died before HELLO: its control channel ends all the same
        });
        Thread reader = new Thread(child::serve, "mp4j-control-" + os.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            String invitation = ProcessHandle.current().pid() + " " + up.invitation()
                    + (prewarmed ? " " + ChildMain.PREWARM : "") + "\n";
            try {
                stdin.write(invitation.getBytes(StandardCharsets.US_ASCII));
                stdin.flush();
            } catch (IOException e) {
                throw child.startFailure(e);
            }
            if (awaitHello) {
                child.awaitHello();
            }
            return child;
        } catch (IOException | RuntimeException e) {
            child.kill();
            child.dropParentWriter();
            throw e;
        }
    }

    private void awaitHello() throws IOException {
        try {
            hello.get(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("child JVM did not connect within " + CONNECT_TIMEOUT_MS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while starting a child JVM");
        } catch (ExecutionException e) {
            // its control channel ended: it exited (the channel ends with it, see launch) or broke protocol
            throw startFailure(e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        }
    }

    /**
     * The error to report when starting the child failed with {@code cause}: a JVM that exits while
     * it starts (an unknown option, say) closes its pipes first, so the cause alone ("Stream closed")
     * would hide why. Waits a moment for the exit and the child's last output; returns {@code cause}
     * if the child still runs.
     */
    private IOException startFailure(IOException cause) {
        if (!awaitExit(DRAIN_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            return cause;
        }
        IOException failure = new IOException("the child JVM exited with status " + os.exitValue()
                + " while starting (its output is above)");
        failure.addSuppressed(cause);
        return failure;
    }

    /** Lets go of what the child connected upwards through, so end of file means the child is gone. */
    private void dropParentWriter() {
        up.dropWriter();
    }

    /** Answers the child's control messages until its channel closes. */
    private void serve() {
        try {
            for (Control.Message m; (m = control.read()) != null; ) {
                switch (m.kind()) {
                    case Control.HELLO -> {
                        dropParentWriter();
                        hello.complete(null);
                    }
                    case Control.CLASS_REQUEST -> {
                        byte[] bytes = ClassShipping.find(m.text());
                        byte[] reply = new byte[bytes == null ? 1 : bytes.length + 1];
                        reply[0] = (byte) (bytes == null ? 0 : 1);
                        if (bytes != null) {
                            System.arraycopy(bytes, 0, reply, 1, bytes.length);
                        }
                        control.send(Control.CLASS_REPLY, reply);
                    }
                    case Control.OPENED -> opened.complete(null);
                    case Control.TRAINED -> trained.complete(null);
                    case Control.START_FAILED -> {
                        if (unconfirmed) {
                            System.err.println(label + " (pid " + os.pid() + ") could not start its task: "
                                    + m.text());
                        }
                        opened.complete(m.text());
                    }
                    case Control.EXIT -> announcedExit = m.buffer().getInt();
                    default -> throw new IOException("unexpected control message " + m.kind());
                }
            }
        } catch (IOException | RuntimeException e) {
            // the child died or broke protocol; its exit status tells the rest
        } finally {
            hello.completeExceptionally(new IOException("the child JVM closed its control channel"));
            opened.complete("the child JVM closed its control channel before starting its task");
            control.close();
        }
    }

    /**
     * Hands the child its task and waits until the child has read it and opened every handle in it.
     *
     * @param keepParentAlive whether this JVM must not exit while the child runs (a non-daemon child)
     * @throws IOException when the child cannot read the task (its message says why) or dies first
     */
    public void start(byte[] task, boolean keepParentAlive) throws IOException {
        hand(task, keepParentAlive);
        String failure;
        try {
            failure = opened.get(OPEN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            kill();
            throw new IOException("child JVM did not start its task within " + OPEN_TIMEOUT_MS + " ms; killed it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while starting a child JVM");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
        if (failure != null) {
            awaitExit(DRAIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            throw new IOException("the child JVM could not start its task: " + failure);
        }
    }

    /**
     * Hands the child its task without waiting for the child to read it: for a task that carries no
     * handle. Returns once the task is written to the child's stdin, which holds it until the child
     * has booted (or, for a task bigger than the pipe's buffer, until the child has read most of it).
     *
     * @throws IOException if the child is already gone
     */
    public void startUnconfirmed(byte[] task, boolean keepParentAlive) throws IOException {
        unconfirmed = true;
        hand(task, keepParentAlive);
    }

    private void hand(byte[] task, boolean keepParentAlive) throws IOException {
        keepsParentAlive = keepParentAlive;
        Thread waiter = new Thread(this::awaitExitQuietly, "mp4j-wait-" + os.pid());
        waiter.setDaemon(!keepParentAlive);
        waiter.start();
        try {
            control.send(Control.TASK, task);
        } catch (IOException e) {
            throw startFailure(e);
        }
    }

    private void awaitExitQuietly() {
        awaitExit(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    }

    boolean keepsParentAlive() {
        return keepsParentAlive;
    }

    /**
     * Completed once a warm child (started by {@link WarmPool}) has trained its task paths while it
     * waits; never completed for other children, nor for a warm one whose task came first.
     */
    CompletableFuture<Void> trained() {
        return trained;
    }

    /** When this child was launched. */
    java.time.Instant launchedAt() {
        return launchedAt;
    }

    /** Names what runs in this child, for listings such as the kernel's {@code %ps}. */
    public void label(String label) {
        this.label = label;
    }

    /**
     * What this child is doing now, read when called: its state is {@code idle} (waiting for a
     * task), {@code running} or {@code exited}; its resident memory comes from
     * {@code /proc/<pid>/status} (null once exited or where there is no {@code /proc}).
     */
    public ChildStatus status() {
        java.time.Instant end = exitedAt;
        boolean alive = end == null && os.isAlive();
        java.time.Instant until = end != null ? end : java.time.Instant.now();
        String state = alive ? (label == null ? "idle" : "running") : "exited";
        return new ChildStatus(os.pid(), label == null ? "(warm, no task)" : label, state,
                alive ? null : exitCode(), launchedAt, java.time.Duration.between(launchedAt, until),
                alive ? ChildStatus.residentBytes(os.pid()) : null);
    }

    /** Runs {@code action} once the child has exited (at once if it has), on a thread of the JDK's. */
    public void whenExited(Runnable action) {
        os.onExit().thenRun(action);
    }

    /** The operating system's process id. */
    public long pid() {
        return os.pid();
    }

    public boolean isAlive() {
        return os.isAlive();
    }

    /**
     * Waits until the child has exited and its output has been copied.
     *
     * @return false if it still runs after the timeout
     */
    public boolean awaitExit(long timeout, TimeUnit unit) {
        try {
            if (!os.waitFor(timeout, unit)) {
                return false;
            }
            stdout.drain(DRAIN_TIMEOUT_MS);
            stderr.drain(DRAIN_TIMEOUT_MS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The exit status in Python's convention: null while running; the status the child exited
     * with; or minus the signal number when a signal ended it.
     */
    public Integer exitCode() {
        if (os.isAlive()) {
            return null;
        }
        int raw = os.exitValue();
        Integer announced = announcedExit;
        if (announced != null && announced == raw) {
            return raw;
        }
        // The JVM reports a death by signal s as 128 + s; a child that exits by itself announces it.
        return raw > 128 && raw <= 128 + 64 ? -(raw - 128) : raw;
    }

    /**
     * Sends SIGTERM, through the process handle: {@code java.lang.Process.destroy} would also close
     * our end of the child's stdout, losing what it prints while it shuts down.
     */
    public void terminate() {
        os.toHandle().destroy();
    }

    /**
     * Asks a pool worker to interrupt item {@code id} (positive; {@link ChildMain#onInterrupt}) over the
     * control channel that every child has anyway, so a worker needs no pipe or thread of its own
     * for cancelling. Returns at once; does nothing once the child is gone.
     */
    public void interrupt(long id) {
        try {
            control.send(Control.INTERRUPT, java.nio.ByteBuffer.allocate(Long.BYTES).putLong(id).array());
        } catch (IOException e) {
            // the child is gone: nothing of it runs any more
        }
    }

    /**
     * Asks the child to interrupt the thread that runs its task; nothing happens if the child has
     * exited or is exiting.
     */
    public void interruptTask() {
        interrupt(Control.THE_TASK);
    }

    /** Sends SIGKILL. */
    public void kill() {
        os.toHandle().destroyForcibly();
    }
}
