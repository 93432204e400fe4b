package io.github.mp4j.kernel.execution;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cell code threw {@link #getCause()}. {@link #report()} is the cause's stack trace with the
 * kernel's own frames (reflection, JShell, this kernel) cut off, so the trace ends at the cell.
 */
public final class EvaluationException extends Exception {
    private static final long serialVersionUID = 1L;

    EvaluationException(Throwable cause) {
        super(cause.toString(), cause, false, false);
    }

    /** The trimmed stack trace, one display line per element. */
    public List<String> report() {
        Throwable cause = getCause();
        trimAll(cause);
        StringWriter text = new StringWriter();
        cause.printStackTrace(new PrintWriter(text));
        return new ArrayList<>(Arrays.asList(text.toString().split("\\R")));
    }

    /** True for frames that belong to how the kernel runs a cell rather than to the user's code. */
    static boolean isKernelFrame(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect.")
                || c.startsWith("jdk.jshell.") || c.startsWith("io.github.mp4j.kernel.")
                || (c.equals("java.lang.Thread") && frame.getMethodName().equals("run"));
    }

    private static void trimAll(Throwable t) {
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            StackTraceElement[] frames = t.getStackTrace();
            int end = frames.length;
            // Cut at the first kernel frame below the cell's own frames: everything after it is
            // the kernel's machinery. A trace with no cell frame at all is left whole.
            boolean sawCell = false;
            for (int i = 0; i < frames.length; i++) {
                if (frames[i].getClassName().startsWith("REPL.")) {
                    sawCell = true;
                } else if (sawCell && isKernelFrame(frames[i])) {
                    end = i;
                    break;
                }
            }
            if (end < frames.length) {
                t.setStackTrace(Arrays.copyOf(frames, end));
            }
        }
    }
}
