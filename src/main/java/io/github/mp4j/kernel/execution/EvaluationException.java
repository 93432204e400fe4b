package io.github.mp4j.kernel.execution;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import jdk.jshell.JShellException;

/**
 * Cell code threw {@link #getCause()} (the real exception object). {@link #report()} is its stack
 * trace as the user wrote the code: cell frames read {@code method(#snippet:line)} as JShell names
 * them, and the kernel's own frames (reflection, JShell, this kernel) are cut off.
 */
public final class EvaluationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** JShell's translation of the same exception chain, or null when there is none. */
    private final transient JShellException translated;
    /** Where snippets sit in named cells, by JShell's snippet file name; answers null if unknown. */
    private final transient Function<String, SnippetPlace> places;

    EvaluationException(Throwable cause, JShellException translated, Function<String, SnippetPlace> places) {
        super(cause.toString(), cause, false, false);
        this.translated = translated;
        this.places = places;
    }

    /** The trimmed stack trace, one display line per element. */
    public List<String> report() {
        if (translated == null) {
            return realTrace();
        }
        List<String> lines = new ArrayList<>();
        Throwable real = getCause();
        Throwable names = translated;
        for (int depth = 0; real != null && depth < 20; depth++) {
            lines.add((depth == 0 ? "" : "Caused by: ") + real);
            StackTraceElement[] frames = names != null ? names.getStackTrace() : trimmed(real.getStackTrace());
            for (StackTraceElement f : frames) {
                if (!isKernelFrame(f)) {
                    lines.add("\tat " + format(f));
                }
            }
            real = real.getCause();
            names = names == null ? null : names.getCause();
        }
        return lines;
    }

    private String format(StackTraceElement f) {
        String file = f.getFileName();
        if (file == null || !file.startsWith("#")) {
            return f.toString();
        }
        // A cell frame: JShell names the snippet "#id" and counts lines within it.
        String method = f.getMethodName().isEmpty() ? "<cell>" : f.getMethodName();
        String owner = f.getClassName().isEmpty() ? "" : f.getClassName() + ".";
        SnippetPlace place = places.apply(file);
        String where = place == null ? file + ":" + f.getLineNumber()
                : place.cell() + ", line " + (place.firstLine() + f.getLineNumber() - 1);
        return owner + method + "(" + where + ")";
    }

    private List<String> realTrace() {
        Throwable cause = getCause();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            t.setStackTrace(trimmed(t.getStackTrace()));
        }
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

    /** Cuts a trace at the first kernel frame below the cell's own frames. */
    private static StackTraceElement[] trimmed(StackTraceElement[] frames) {
        boolean sawCell = false;
        for (int i = 0; i < frames.length; i++) {
            if (frames[i].getClassName().startsWith("REPL.")) {
                sawCell = true;
            } else if (sawCell && isKernelFrame(frames[i])) {
                return Arrays.copyOf(frames, i);
            }
        }
        return frames;
    }
}
