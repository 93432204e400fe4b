package io.github.mp4j.kernel.execution;

import io.github.mp4j.notebook.TopLevelVariables;
import io.github.mp4j.shipping.ClassShipping;
import io.github.mp4j.shipping.JShellClasses;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.Map;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * A JShell that evaluates cells in this JVM and hands back live result objects.
 *
 * <pre>{@code
 * try (JShellSession session = JShellSession.start()) {
 *     CellResult r = session.eval("var xs = List.of(1, 2);\n xs.size()");
 *     assert r.value().equals(2);
 * }
 * }</pre>
 *
 * <p>Snippet classes load through {@link JShellClasses}, registered with {@link ClassShipping}, so
 * records, methods and lambdas defined in cells can be shipped to child JVMs, and
 * {@link TopLevelVariables} snapshots the top-level variables their tasks read. One thread at a time
 * may call {@link #eval}; {@link #interrupt()} may be called from any thread.
 */
public final class JShellSession implements AutoCloseable {

    private final JShell shell;
    private final CellExecutionControl control;
    private final JShellClasses classes;
    private final CodeAnalysis analysis;
    /** Where each named cell's snippets start, by JShell's file name for them ({@code "#12"}). */
    private final Map<String, SnippetPlace> places = new java.util.concurrent.ConcurrentHashMap<>();
    /** Whether {@link #eval} runs: cell code that calls back into it (a magic used inline) must fail, not hang. */
    private final java.util.concurrent.atomic.AtomicBoolean evaluating = new java.util.concurrent.atomic.AtomicBoolean();

    private JShellSession(JShellClasses classes, CellExecutionControl control, JShell shell) {
        this.classes = classes;
        this.control = control;
        this.shell = shell;
        this.analysis = new CodeAnalysis(shell.sourceCodeAnalysis());
    }

    /**
     * Starts a session whose snippets see this JVM's class path, with the {@link StartupImports},
     * and plugs its snippet classes into {@link ClassShipping}.
     *
     * @throws IllegalStateException if a startup import does not compile
     */
    public static JShellSession start() {
        ClassLoader parent = JShellSession.class.getClassLoader();
        JShellClasses classes = new JShellClasses(parent);
        CellExecutionControl control = new CellExecutionControl(classes);
        JShell shell = JShell.builder().executionEngine(control.provider(), Map.of()).build();
        JShellSession session = new JShellSession(classes, control, shell);
        shell.addToClasspath(System.getProperty("java.class.path"));
        ClassShipping.register(classes);
        ClassShipping.setLoader(classes.loader());
        ClassShipping.setStaticStateSource(new TopLevelVariables(classes, classes.loader()));
        for (String snippet : StartupImports.snippets(parent)) {
            try {
                session.eval(snippet);
            } catch (Exception e) {
                throw new IllegalStateException("startup import failed: " + snippet + ": " + e.getMessage(), e);
            }
        }
        return session;
    }

    /** The loader that defines snippet classes (and sees jars added by {@link #addToClasspath}). */
    public ClassLoader loader() {
        return classes.loader();
    }

    /** Completion, documentation and completeness of cell code. */
    public CodeAnalysis analysis() {
        return analysis;
    }

    /** Adds class path entries (separated by the path separator) for compiling and running cells. */
    public void addToClasspath(String path) {
        shell.addToClasspath(path);
    }

    /**
     * Evaluates every snippet of {@code code} in order and returns the value of the last one when it
     * is an expression. Stops at the first snippet that fails.
     *
     * @throws CompilationException if a snippet does not compile; earlier snippets stay in effect
     * @throws EvaluationException  if a snippet throws
     * @throws CellInterrupted      if {@link #interrupt()} stopped the cell
     */
    public CellResult eval(String code) throws CompilationException, EvaluationException {
        return eval(code, null);
    }

    /**
     * Like {@link #eval(String)}, naming the cell: stack traces then place cell frames as
     * {@code method(cellName, line L)} with L counted in that cell, for this and later cells.
     *
     * @param cellName how traces name the cell ({@code "In [3]"}), or null for JShell's
     *                 {@code #snippet:line}
     * @throws IllegalStateException if called from cell code while an evaluation runs (which
     *                               would corrupt the running cell's state)
     */
    public CellResult eval(String code, String cellName) throws CompilationException, EvaluationException {
        if (!evaluating.compareAndSet(false, true)) {
            throw new IllegalStateException("cell code cannot run more cell code while it runs "
                    + "(a magic that runs code, such as %time or %load, must stand on a line of its own)");
        }
        try {
            return evalAll(code, cellName);
        } finally {
            evaluating.set(false);
        }
    }

    private CellResult evalAll(String code, String cellName) throws CompilationException, EvaluationException {
        SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
        CellResult result = CellResult.NONE;
        String remaining = code;
        control.beginCell();
        try {
            while (!remaining.isBlank()) {
                if (control.stopRequested()) {
                    throw new CellInterrupted();
                }
                CompletionInfo info = sca.analyzeCompletion(remaining);
                String source;
                int start = code.length() - remaining.length();
                if (info.completeness() == Completeness.DEFINITELY_INCOMPLETE
                        || info.completeness() == Completeness.CONSIDERED_INCOMPLETE
                        || info.completeness() == Completeness.EMPTY) {
                    source = remaining; // let the compiler say what is missing
                    remaining = "";
                } else {
                    source = info.source();
                    remaining = info.remaining();
                }
                int at = code.indexOf(source.strip(), start);
                int offset = at < 0 ? start : at - leadingBlank(source);
                result = evalSnippet(source, code, Math.max(0, offset), cellName);
            }
            return result;
        } finally {
            control.endCell();
            control.forgetResults();
        }
    }

    private CellResult evalSnippet(String source, String cell, int offset, String cellName)
            throws CompilationException, EvaluationException {
        List<SnippetEvent> events = shell.eval(source);
        if (cellName != null && !events.isEmpty()) {
            // JShell numbers a snippet's lines from its first non-blank character.
            int first = Math.min(offset + leadingBlank(source), cell.length());
            int firstLine = (int) cell.substring(0, first).chars().filter(c -> c == '\n').count() + 1;
            places.put("#" + events.get(0).snippet().id(), new SnippetPlace(cellName, firstLine));
        }
        CellResult result = CellResult.NONE;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue; // an update to an older snippet, not this one's outcome
            }
            Snippet snippet = event.snippet();
            Throwable failure = control.takeFailure();
            if (failure instanceof CellInterrupted interrupted) {
                throw interrupted;
            }
            if (event.status() == Snippet.Status.REJECTED) {
                throw compilationError(snippet, cell, offset);
            }
            JShellException thrown = event.exception();
            if (thrown != null) {
                throw new EvaluationException(failure != null ? failure : describe(thrown), thrown, places::get);
            }
            if (failure != null) {
                throw new EvaluationException(failure, null, places::get);
            }
            Object value = control.takeResult(event.value());
            if (shows(snippet)) {
                String type = snippet instanceof VarSnippet v ? v.typeName() : null;
                result = CellResult.of(value, type);
            }
        }
        return result;
    }

    /** Expressions, and the temporary variables JShell makes for them, show their value. */
    private static boolean shows(Snippet snippet) {
        Snippet.SubKind k = snippet.subKind();
        return k == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND || k.kind() == Snippet.Kind.EXPRESSION;
    }

    private static Throwable describe(JShellException thrown) {
        if (thrown instanceof UnresolvedReferenceException u) {
            return new IllegalStateException("uses " + u.getSnippet().source().strip()
                    + ", which cannot run until its unresolved references are declared");
        }
        if (thrown instanceof EvalException e) {
            return new RuntimeException(e.getExceptionClassName() + ": " + e.getMessage());
        }
        return thrown;
    }

    private CompilationException compilationError(Snippet snippet, String cell, int offset) {
        List<Diag> diags = shell.diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList());
        List<String> lines = new ArrayList<>();
        String first = "does not compile";
        for (Diag d : diags) {
            int pos = offset + (int) Math.max(0, d.getStartPosition());
            int end = offset + (int) Math.max(d.getStartPosition() + 1, d.getEndPosition());
            String message = d.getMessage(Locale.ROOT);
            lines.addAll(SourceMarker.mark(cell, pos, end, message));
            if (first.equals("does not compile")) {
                first = SourceMarker.location(cell, pos) + ": " + message.lines().findFirst().orElse("");
            }
        }
        if (diags.isEmpty()) {
            String why = snippet instanceof DeclarationSnippet d
                    ? "cannot resolve " + shell.unresolvedDependencies(d).collect(Collectors.joining(", "))
                    : "rejected";
            lines.add(SourceMarker.location(cell, offset) + ": " + why);
            first = lines.get(0);
        }
        return new CompilationException(first, lines);
    }

    private static int leadingBlank(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Stops the running cell, if any, within a loop iteration; returns at once. */
    public void interrupt() {
        control.stopCell();
    }

    @Override
    public void close() {
        ClassShipping.unregister(classes);
        ClassShipping.setLoader(null);
        ClassShipping.setStaticStateSource(null);
        shell.close();
    }
}
