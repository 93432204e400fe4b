package io.github.mp4j.kernel.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CompilerWarmUpTest {

    @Test
    void everyWarmUpSnippetEvaluatesAndNothingIsPrinted() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        int evaluated;
        try {
            System.setOut(capture);
            System.setErr(capture);
            evaluated = CompilerWarmUp.run(() -> false);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals(CompilerWarmUp.SNIPPETS.size(), evaluated);
        assertEquals("", printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void givesWayBeforeTheNextSnippet() {
        assertEquals(0, CompilerWarmUp.run(() -> true));
        AtomicInteger asked = new AtomicInteger();
        int imports = StartupImports.snippets(CompilerWarmUp.class.getClassLoader()).size();
        // false for every import and the first snippet, then true
        assertEquals(1, CompilerWarmUp.run(() -> asked.incrementAndGet() > imports + 1));
    }

    @Test
    void leavesNothingInTheUserSession() throws Exception {
        try (JShellSession session = JShellSession.start()) {
            CompilerWarmUp.start(() -> false).join(120_000);
            // the warm-up's variable, method and record are unknown here
            assertThrows(CompilationException.class, () -> session.eval("warm"));
            assertThrows(CompilationException.class, () -> session.eval("twice(1)"));
            assertThrows(CompilationException.class, () -> session.eval("new Pair(1, 2)"));
            // and temporary variables are numbered from the user's first expression
            assertEquals(2, session.eval("1 + 1").value());
            assertEquals(2, session.eval("$1").value());
            assertFalse(session.eval("int after = 3;").hasValue());
        }
    }
}
