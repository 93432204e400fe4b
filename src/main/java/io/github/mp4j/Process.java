package io.github.mp4j;

import io.github.mp4j.handles.Transfer;
import io.github.mp4j.spawn.ChildJvm;
import io.github.mp4j.spawn.ChildTask;
import io.github.mp4j.spawn.LiveThreads;
import io.github.mp4j.spawn.TaskEnd;
import io.github.mp4j.spawn.TaskMessage;
import io.github.mp4j.spawn.WarmPool;
import io.github.mp4j.wire.Parts;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A task running in its own child JVM: a real operating-system process. Python's
 * {@code multiprocessing.Process}.
 *
 * <pre>{@code
 * import io.github.mp4j.Process;   // by name: it shadows java.lang.Process
 *
 * Process p = new Process(() -> System.out.println("hello from " + Process.current().pid()));
 * p.start();
 * p.join();
 * System.out.println(p.exitCode());   // 0
 * }</pre>
 *
 * <p>The task and everything it captures are serialized into the child. Classes on this JVM's class
 * path load there as usual; classes that exist only in this JVM's memory (JShell snippets) are
 * fetched from it on demand. Pipe ends, locks and queues captured by the task arrive as the child's
 * own copies of the same OS objects; once the child holds them ({@link #start()} has returned), or
 * has exited, this object no longer refers to the task, so this JVM's copies stay open only while
 * the rest of the program holds them. What the child prints appears on this JVM's current
 * {@code System.out} and {@code System.err}, line by line.
 *
 * <p>The child exits once its task has returned (or thrown) and every non-daemon thread the task
 * started has ended, as a JVM waits for them after {@code main} and Python's child before it exits;
 * daemon threads are ended with it.
 *
 * <p>Exit codes follow Python: {@code null} while running, 0 after a normal return, 1 after an
 * uncaught exception (its stack trace goes to stderr), {@code n} after {@code System.exit(n)}, and
 * minus the signal number when a signal ended the child ({@link #terminate()} gives -15,
 * {@link #kill()} -9). This JVM does not exit while non-daemon children run; daemon children are
 * terminated when it exits; and a child whose parent dies, even by SIGKILL, halts at once.
 */
public class Process {

    private static final AtomicInteger CHILD_COUNTER = new AtomicInteger();
    private static final Set<Process> STARTED = ConcurrentHashMap.newKeySet();
    private static volatile StartMethod defaultStartMethod = StartMethod.SPAWN;
    /** This JVM as a Process: "MainProcess", or the child's own name and identity. */
    private static volatile Process current = new Process("MainProcess", "", false, null);
    /** The process that started this JVM; null in the main JVM. */
    private static volatile ParentProcess parent;

    private final String name;
    private final String identity;
    /** How {@link #start()} obtains the child: a {@link Context}'s method, or null for the global one. */
    private final StartMethod startMethod;
    /**
     * What the child runs, until it holds its own copies of what the task captured (pipe ends, locks,
     * queues) or has exited: then null, so that this object no longer keeps them open here.
     */
    private volatile Task task;
    private volatile boolean daemon;
    private volatile List<String> jvmOptions = List.of();
    private volatile ChildJvm child;
    private volatile boolean closed;

    /** A process that will run {@code task}, named {@code Process-N}. */
    public Process(Task task) {
        this(null, task);
    }

    /** A process with a name of your choice; null gives the default {@code Process-N}. */
    public Process(String name, Task task) {
        this(name, task, null);
    }

    /** A process whose {@link #start()} uses {@code startMethod}, or the global one when null. */
    Process(String name, Task task, StartMethod startMethod) {
        if (task == null) {
            throw new NullPointerException("task");
        }
        Process creator = current;
        this.identity = (creator.identity.isEmpty() ? "" : creator.identity + ":") + CHILD_COUNTER.incrementAndGet();
        this.name = name != null ? name : "Process-" + identity;
        this.task = task;
        this.daemon = creator.daemon; // Python: a child inherits its creator's daemon flag
        this.startMethod = startMethod;
    }

    private Process(String name, String identity, boolean daemon, Task task) {
        this.name = name;
        this.identity = identity;
        this.daemon = daemon;
        this.task = task;
        this.startMethod = null;
    }

    /**
     * A context whose processes and pools start by {@code method}, whatever the global start method
     * is ({@link #setStartMethod}). Python's {@code multiprocessing.get_context(method)}.
     */
    public static Context context(StartMethod method) {
        return new Context(method);
    }

    /** This JVM as a Process: its name ({@code MainProcess} unless it is a child) and pid. */
    public static Process current() {
        return current;
    }

    /**
     * The process that started this one, seen from a child; null in the main JVM. Python's
     * {@code multiprocessing.parent_process()}.
     *
     * <pre>{@code
     * Process p = new Process(() -> System.out.println("started by " + Process.parent().pid()));
     * }</pre>
     */
    public static ParentProcess parent() {
        return parent;
    }

    /**
     * The number of CPUs this JVM may use: {@link Runtime#availableProcessors()}, which follows the
     * process's CPU affinity and container limits, like Python's {@code os.process_cpu_count()}
     * (Python's {@code multiprocessing.cpu_count()} counts every CPU of the machine).
     */
    public static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The children started by this JVM that are still running. */
    public static List<Process> activeChildren() {
        List<Process> alive = new ArrayList<>();
        for (Process p : STARTED) {
            if (p.child != null && p.child.isAlive()) {
                alive.add(p);
            } else {
                STARTED.remove(p);
            }
        }
        return alive;
    }

    /**
     * How {@link #start()} obtains child JVMs from now on in this JVM, except for processes and
     * pools made by a {@link Context}.
     */
    public static void setStartMethod(StartMethod method) {
        defaultStartMethod = java.util.Objects.requireNonNull(method);
        if (method == StartMethod.WARM) {
            WarmPool.refill();
        }
    }

    public static StartMethod getStartMethod() {
        return defaultStartMethod;
    }

    /**
     * Starts the child JVM and hands it the task, by the start method of the {@link Context} that
     * made this process, or else the global one ({@link #getStartMethod()}). When the task
     * captured pipe ends, locks or queues, returns once the child holds its own copy of each, so
     * this JVM may close its copies at once; otherwise returns without waiting for the child to boot, as Python's spawn does, so that
     * children started one after another boot together. Such a child that cannot read its task
     * (a class it cannot find, say) says why on this JVM's stderr and exits with status 1.
     *
     * @throws IllegalStateException "cannot start a process twice", a closed process object, or
     *         starting from a daemon process
     * @throws java.io.NotSerializableException if the task captures something not serializable
     * @throws IOException if the child JVM cannot be started (one that exits while it boots, say for
     *         an option it refuses, is reported with its exit status; without handles in the task,
     *         start() may return first and the status shows in {@link #exitCode()}), or cannot read
     *         a task that captured handles
     */
    public void start() throws IOException {
        start(startMethod != null ? startMethod : defaultStartMethod);
    }

    /**
     * As {@link #start()}, with a start method for this process only (Python's
     * {@code get_context(method).Process}).
     */
    public void start(StartMethod method) throws IOException {
        java.util.Objects.requireNonNull(method, "method");
        checkNotClosed();
        if (this == current) {
            throw new IllegalStateException("can only start a process object created by current process");
        }
        if (child != null) {
            throw new IllegalStateException("cannot start a process twice");
        }
        if (current.daemon) {
            throw new IllegalStateException("daemonic processes are not allowed to have children");
        }
        Task work = task;
        Transfer.Written bootstrap = Transfer.countingHandles(() -> TaskMessage.encode(
                new Bootstrap(name, identity, daemon, work, current.name, ProcessHandle.current().pid())));
        boolean confirm = bootstrap.carriesHandles();
        List<String> options = jvmOptions;
        // no idle warm JVM: launch one as SPAWN does, so that starts in a loop boot together
        ChildJvm idle = method == StartMethod.WARM && options.isEmpty() ? WarmPool.take() : null;
        ChildJvm jvm = idle != null ? idle : ChildJvm.launch(confirm, options);
        child = jvm;
        jvm.label(name);
        STARTED.add(this);
        jvm.whenExited(() -> {
            task = null; // a child that failed to confirm may have been reopening handles until now
            STARTED.remove(this);
        });
        if (confirm) {
            jvm.start(bootstrap.bytes(), !daemon);
        } else {
            jvm.startUnconfirmed(bootstrap.bytes(), !daemon);
        }
        // the child holds its own copies now, or the task carries no handle: ours may go with the user's
        task = null;
    }

    /** Waits until the child exits and everything it printed has been copied. */
    public void join() throws InterruptedException {
        join(null);
    }

    /**
     * Waits at most {@code timeout} for the child to exit; {@code Duration.ZERO} checks without
     * waiting, null waits without bound. Check {@link #exitCode()} to tell whether it exited.
     *
     * @throws IllegalStateException "can only join a started process"
     */
    public void join(Duration timeout) throws InterruptedException {
        checkNotClosed();
        if (this == current) {
            throw new IllegalStateException("can only join a child process");
        }
        ChildJvm jvm = started("join");
        jvm.awaitExit(timeout == null ? Long.MAX_VALUE : timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /**
     * What {@link Connection#await} can wait on for this process to end; Python's
     * {@code sentinel}. {@code await} also takes the Process itself.
     *
     * @throws IllegalStateException "process not started" (also for {@link #current()}), or a
     *         closed process object
     */
    public Sentinel sentinel() {
        checkNotClosed();
        ChildJvm jvm = child;
        if (jvm == null) {
            throw new IllegalStateException("process not started");
        }
        return new Sentinel(this, "process " + name, () -> !jvm.isAlive());
    }

    /** Whether the child has been started and has not exited. */
    public boolean isAlive() {
        checkNotClosed();
        if (this == current) {
            return true;
        }
        ChildJvm jvm = child;
        return jvm != null && jvm.isAlive();
    }

    /** See the class comment: null while running or not started. */
    public Integer exitCode() {
        checkNotClosed();
        ChildJvm jvm = child;
        return jvm == null ? null : jvm.exitCode();
    }

    /** The child's operating-system process id; null before {@link #start()}. */
    public Long pid() {
        checkNotClosed();
        if (this == current) {
            return ProcessHandle.current().pid();
        }
        ChildJvm jvm = child;
        return jvm == null ? null : jvm.pid();
    }

    public String name() {
        return name;
    }

    public boolean isDaemon() {
        return daemon;
    }

    /**
     * Marks this process as a daemon (before {@link #start()}): it is terminated when this JVM exits
     * and it may not start children of its own.
     */
    public void setDaemon(boolean daemon) {
        checkNotClosed();
        if (child != null) {
            throw new IllegalStateException("process has already started");
        }
        this.daemon = daemon;
    }

    /**
     * Gives this process's JVM {@code options} (before {@link #start()}), after the ones every child
     * gets ({@code mp4j.worker.jvmOptions}), so that they win where both set the same option:
     * {@code p.setJvmOptions(List.of("-Xmx2g", "-Dmode=fast"))}. A process with options starts a
     * fresh JVM even under {@link StartMethod#WARM}, whose JVMs were started without them. An
     * option the JVM refuses makes {@link #start()} fail with an {@link IOException}.
     *
     * @throws IllegalStateException "process has already started"
     */
    public void setJvmOptions(List<String> options) {
        checkNotClosed();
        if (child != null) {
            throw new IllegalStateException("process has already started");
        }
        this.jvmOptions = List.copyOf(options);
    }

    /** The options {@link #setJvmOptions} gave this process's JVM (empty by default). */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    /** Asks the child to stop (SIGTERM); its shutdown hooks run and its exit code becomes -15. */
    public void terminate() {
        checkNotClosed();
        started("terminate").terminate();
    }

    /**
     * Interrupts the thread that runs the child's task, as {@link Thread#interrupt()} would in the
     * child: a task blocked in {@code sleep}, {@code join}, a lock's or a queue's wait gets an
     * {@link InterruptedException}, which, unless the task catches it, ends the child with exit
     * code 1 and its stack trace on stderr. A task that ignores interrupts runs on. Python's
     * {@code Process.interrupt()} (3.14), which sends SIGINT so that the child's main thread raises
     * {@code KeyboardInterrupt}, also with exit code 1. Does nothing once the child has exited.
     *
     * @throws IllegalStateException "can only interrupt a started process", or a closed process object
     */
    public void interrupt() {
        checkNotClosed();
        started("interrupt").interruptTask();
    }

    /** Ends the child at once (SIGKILL); its exit code becomes -9. */
    public void kill() {
        checkNotClosed();
        started("kill").kill();
    }

    /**
     * Releases this object once the child has exited; afterwards most methods throw
     * "process object is closed".
     *
     * @throws IllegalStateException if the child is still running
     */
    public void close() {
        ChildJvm jvm = child;
        if (jvm != null && jvm.isAlive()) {
            throw new IllegalStateException("Cannot close a process while it is still running. "
                    + "You should first call join() or terminate().");
        }
        closed = true;
        STARTED.remove(this);
    }

    @Override
    public String toString() {
        String state = closed ? "closed" : child == null ? (this == current ? "started" : "initial")
                : child.isAlive() ? "started" : "stopped exitcode=" + child.exitCode();
        return "<Process name='" + name + "' " + state + (daemon ? " daemon" : "")
                + (child != null ? " pid=" + child.pid() : "") + ">";
    }

    private ChildJvm started(String action) {
        ChildJvm jvm = child;
        if (jvm == null) {
            throw new IllegalStateException("can only " + action + " a started process");
        }
        return jvm;
    }

    private void checkNotClosed() {
        if (closed) {
            throw new IllegalStateException("process object is closed");
        }
    }

    /**
     * The child's side of a Process: becomes {@link #current()} in the child JVM, then runs the
     * user's task. Made of parts, so a lambda over simple values starts fast. This and the other
     * objects every child deserializes (handle references) are plain classes, not records: the first
     * record a JVM deserializes costs it about 30 ms.
     */
    private static final class Bootstrap implements ChildTask, Parts {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final String identity;
        private final boolean daemon;
        private final Task task;
        private final String parentName;
        private final long parentPid;

        Bootstrap(String name, String identity, boolean daemon, Task task, String parentName, long parentPid) {
            this.name = name;
            this.identity = identity;
            this.daemon = daemon;
            this.task = task;
            this.parentName = parentName;
            this.parentPid = parentPid;
        }

        /** Rebuilds a Bootstrap from its {@link #parts()}, in the child. */
        private Bootstrap(Object[] parts) {
            this((String) parts[0], (String) parts[1], (Boolean) parts[2], (Task) parts[3], (String) parts[4],
                    (Long) parts[5]);
        }

        @Override
        public Object[] parts() {
            return new Object[] {name, identity, daemon, task, parentName, parentPid};
        }

        @Override
        public int run() {
            parent = new ParentProcess(parentName, parentPid);
            current = new Process(name, identity, daemon, task);
            int status;
            try {
                task.run();
                status = 0;
            } catch (Throwable t) {
                PrintStream err = System.err; // null if the task set it so: then nothing is printed
                if (err != null) {
                    err.println("Process " + name + ":");
                    t.printStackTrace(err);
                }
                status = 1;
            }
            TaskEnd.runAll();
            awaitOtherNonDaemonThreads();
            return status;
        }

        /**
         * Waits for the non-daemon threads the task started, as a JVM waits for them after
         * {@code main} returns and as Python's child waits for its non-daemon threads before it
         * exits; threads they start in turn are waited for too.
         */
        private static void awaitOtherNonDaemonThreads() {
            for (List<Thread> others; !(others = LiveThreads.otherNonDaemon()).isEmpty(); ) {
                others.forEach(Bootstrap::joinUninterruptibly);
            }
        }

        private static void joinUninterruptibly(Thread t) {
            boolean interrupted = false;
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
