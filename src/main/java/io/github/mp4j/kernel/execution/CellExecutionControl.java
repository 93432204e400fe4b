package io.github.mp4j.kernel.execution;

import io.github.mp4j.pool.Dispatcher;
import io.github.mp4j.shipping.JShellClasses;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs JShell snippets in this JVM on a fresh thread per snippet, keeps each snippet's result
 * object, and stops a running snippet on request, busy loops included.
 *
 * <p>Implementation overview. JShell calls {@link #invoke(Method)} on the thread that called
 * {@code JShell.eval} (the kernel's shell thread). That thread starts a <em>cell thread</em> in a
 * new thread group, sets the group's context loader to the snippet loader, and joins it. The
 * result object is stored under a fresh key and the key is returned as the "value string" (JShell
 * only passes strings upward), so {@link #takeResult(String)} can hand the object to the kernel.
 * A thrown exception is remembered ({@link #takeFailure()}) before JShell converts it, so the
 * kernel can print the real stack trace. {@link #stopCell()} (called from the control thread)
 * raises {@link CellStop}'s flag for the cell's group and interrupts the cell thread; the woven
 * checks ({@link StopCheckWeaver}) end loops, the interrupt ends sleeps and waits, and every pool
 * task the cell's threads submitted is cancelled, running ones interrupted in their workers
 * ({@link Dispatcher#cancelSubmittedFrom}).
 *
 * <p>Class loading is delegated to {@link JShellClasses}, so every snippet class is also recorded
 * for child JVMs; the recorded bytes are the woven ones (children resolve {@link CellStop} from
 * their own class path and never see its flag raised).
 */
public final class CellExecutionControl extends DirectExecutionControl {

    /** Result keys: never produced by JShell itself, and left alone by its name expunging. */
    private static final String KEY_PREFIX = "mp4j-result#";

    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final AtomicLong keys = new AtomicLong();
    private final ClassLoader snippetLoader;

    /**
     * Guarded by {@code this}: whether a cell is being evaluated (compiling or running), the
     * running snippet's group and thread, and whether the cell was asked to stop. A stop asked
     * while the cell compiles is kept until its next snippet starts, so it is never lost.
     */
    private boolean inCell;
    private ThreadGroup cellGroup;
    private Thread cellThread;
    private boolean stopRequested;

    /** The last exception thrown by snippet code; written by the shell thread only. */
    private Throwable failure;

    CellExecutionControl(JShellClasses classes) {
        super(classes);
        this.snippetLoader = classes.loader();
    }

    /** A provider that hands JShell this instance (JShell asks exactly once per {@code JShell}). */
    ExecutionControlProvider provider() {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "mp4j-cell";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return CellExecutionControl.this;
            }
        };
    }

    @Override
    public void load(ClassBytecodes[] classes)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        super.load(Stream.of(classes)
                .map(c -> new ClassBytecodes(c.name(), StopCheckWeaver.weave(c.bytecodes())))
                .toArray(ClassBytecodes[]::new));
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        Object[] result = new Object[1];
        Throwable[] thrown = new Throwable[1];
        ThreadGroup group;
        synchronized (this) {
            group = cellGroup != null ? cellGroup : new ThreadGroup("mp4j-cell");
        }
        Thread thread = new Thread(group, () -> {
            try {
                result[0] = doit.invoke(null);
            } catch (Throwable t) {
                thrown[0] = t;
            }
        }, "mp4j-cell");
        thread.setContextClassLoader(snippetLoader);
        synchronized (this) {
            if (stopRequested) {
                failure = new CellInterrupted();
                throw new StoppedException();
            }
            cellGroup = group;
            cellThread = thread;
        }
        try {
            thread.start();
            thread.join();
        } finally {
            synchronized (this) {
                cellThread = null;
            }
        }
        boolean stopped;
        synchronized (this) {
            stopped = stopRequested;
        }
        Throwable t = thrown[0];
        Throwable cause = t instanceof InvocationTargetException ? t.getCause() : t;
        // Once the user asked to stop, whatever ended the snippet (CellInterrupted, an
        // InterruptedException, an InterruptedIOException from System.in, ...) is the interrupt.
        if (stopped) {
            failure = new CellInterrupted();
            throw new StoppedException();
        }
        if (cause instanceof CellInterrupted) {
            failure = cause;
            throw new StoppedException();
        }
        if (t != null) {
            failure = cause;
            if (t instanceof Exception e) {
                throw e;
            }
            throw new InvocationTargetException(t);
        }
        String key = KEY_PREFIX + keys.incrementAndGet();
        if (result[0] != null) {
            results.put(key, result[0]);
        }
        return key;
    }

    /**
     * Stops the running snippet, if any: its loops end at their next iteration, its blocking
     * calls are interrupted, and the pool tasks its threads submitted are cancelled (queued ones
     * never run, running ones are interrupted in their workers, which are replaced if the task
     * outlasts its pool's grace period). Returns at once; the snippet's {@code eval} then reports
     * a stop.
     */
    public void stopCell() {
        ThreadGroup group;
        synchronized (this) {
            if (!inCell) {
                return;
            }
            stopRequested = true;
            group = cellGroup;
            CellStop.stop(group);
            if (cellThread != null) {
                cellThread.interrupt();
            }
        }
        // outside the monitor: the pools' locks and pipes are no business of the shell thread's
        Dispatcher.cancelSubmittedFrom(group);
    }

    /** Marks the start of a cell's evaluation: from now on {@link #stopCell()} is remembered. */
    synchronized void beginCell() {
        inCell = true;
        stopRequested = false;
        // One group per cell, not per snippet: a thread started by one snippet of the cell must
        // stop when a later snippet of the same cell is interrupted.
        cellGroup = new ThreadGroup("mp4j-cell");
        CellStop.clear();
    }

    /** Marks the end of a cell's evaluation. */
    synchronized void endCell() {
        inCell = false;
        stopRequested = false;
        cellGroup = null;
    }

    /** True if the current cell was asked to stop. */
    synchronized boolean stopRequested() {
        return stopRequested;
    }

    @Override
    public void stop() {
        stopCell();
    }

    /**
     * Returns and forgets the object behind a value string from a {@code SnippetEvent}; null when
     * the snippet's value was null or {@code valueString} is not a result key.
     */
    public Object takeResult(String valueString) {
        return valueString == null ? null : results.remove(valueString);
    }

    /** Returns and forgets the exception the last failing snippet threw, or null. */
    public Throwable takeFailure() {
        Throwable t = failure;
        failure = null;
        return t;
    }

    /** Drops results that were never taken (e.g. of snippets before the last in a cell). */
    void forgetResults() {
        results.clear();
    }
}
