package io.github.mp4j.kernel.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.mp4j.CapturedOutput;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CompilerWarmUpTest {

    @Test
    void everyWarmUpSnippetEvaluatesAndNothingIsPrinted() {
        CapturedOutput out = CapturedOutput.ofOut();
        CapturedOutput err = CapturedOutput.ofErr();
        int evaluated;
        try (out; err) {
            evaluated = CompilerWarmUp.run(() -> false);
        }
        assertEquals(CompilerWarmUp.SNIPPETS.size(), evaluated);
        assertEquals("", out.text() + err.text());
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
