package io.github.mp4j.kernel.execution;

import java.util.List;
import java.util.function.BooleanSupplier;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

/**
 * Runs typical cells through a throwaway JShell so that javac's and JShell's code is loaded and
 * compiled by the JIT before the user's first cells need it: without it the first expression cell
 * of a session takes about ten times as long as later ones (class loading and interpreted javac).
 *
 * <pre>{@code
 * Thread t = CompilerWarmUp.start(() -> kernel.hasRunCells()); // gives way to the first cell
 * }</pre>
 *
 * <p>The throwaway JShell is separate from the user's {@link JShellSession}: no snippet, variable,
 * temporary-variable number ({@code $1}) or class of the warm-up is visible there, and nothing
 * is registered for class shipping. It uses JShell's own {@code local} execution engine rather
 * than {@link CellExecutionControl}, whose stop flag ({@link CellStop}) is global and must stay
 * the user's cell's. The snippets print nothing, so no output reaches the kernel's streams, and
 * any failure of the warm-up is ignored: it only costs time, never a cell.
 */
public final class CompilerWarmUp {

    /**
     * The cells evaluated, after the {@link StartupImports}: the kinds of snippet JShell handles
     * differently (expression, declaration, variable read, method, record, statement, lambda).
     */
    static final List<String> SNIPPETS = List.of(
            "1 + 1",
            "int warm = 1;",
            "warm",
            "String text = \"n=\" + warm;",
            "int twice(int n) { return 2 * n; }",
            "twice(warm)",
            "record Pair(int a, int b) {}",
            "new Pair(1, 2).a()",
            "for (int i = 0; i < 3; i++) { warm += i; }",
            "List.of(1, 2, 3).stream().map(n -> n * 2).collect(Collectors.toList())");

    private CompilerWarmUp() {}

    /**
     * Starts the warm-up on a daemon thread of minimal priority and returns that thread. It stops
     * before its next snippet once {@code giveWay} returns true (so at most one warm-up snippet
     * competes with the user's first cell).
     */
    public static Thread start(BooleanSupplier giveWay) {
        Thread t = new Thread(() -> run(giveWay), "mp4j-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /**
     * Runs the warm-up on this thread, checking {@code giveWay} before each snippet; returns how
     * many of {@link #SNIPPETS} were evaluated without error.
     */
    static int run(BooleanSupplier giveWay) {
        int evaluated = 0;
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            ClassLoader loader = CompilerWarmUp.class.getClassLoader();
            shell.addToClasspath(System.getProperty("java.class.path"));
            for (String imp : StartupImports.snippets(loader)) {
                if (giveWay.getAsBoolean()) {
                    return evaluated;
                }
                shell.eval(imp);
            }
            for (String snippet : SNIPPETS) {
                if (giveWay.getAsBoolean()) {
                    return evaluated;
                }
                if (evaluatedCleanly(shell.eval(snippet))) {
                    evaluated++;
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // a warm-up that fails has merely not warmed up
        }
        return evaluated;
    }

    private static boolean evaluatedCleanly(List<SnippetEvent> events) {
        return !events.isEmpty() && events.stream().allMatch(e ->
                e.status() != Snippet.Status.REJECTED && e.exception() == null);
    }
}
