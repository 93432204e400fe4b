package io.github.mp4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.kernel.execution.CellResult;
import io.github.mp4j.kernel.execution.CompilationException;
import io.github.mp4j.kernel.execution.EvaluationException;
import io.github.mp4j.kernel.runtime.Display;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kernel's cell handling without a Jupyter connection (the protocol is covered by KernelProtocolIT). */
class Mp4jKernelTest {

    static Mp4jKernel kernel;

    @BeforeAll
    static void start() {
        kernel = TestKernels.start();
        kernel.magics().line("answer", new io.github.mp4j.kernel.magics.LineMagic() {
            public Object run(String args) {
                return Integer.parseInt(args.strip()) + 1;
            }

            public String resultType() {
                return "Integer";
            }
        });
    }

    @AfterAll
    static void stop() {
        TestKernels.stop(kernel);
    }

    @Test
    void magicsAndJavaRunInOrder() throws Exception {
        CellResult r = kernel.runCell("int base = 40;\n%lsmagic\nvar n = %answer 1\nInteger typed = n;\nbase + typed", null);
        assertEquals(42, r.value());
        CellResult magicLast = kernel.runCell("int ignored = 0;\n%answer 9", null);
        assertEquals(10, magicLast.value());
    }

    @Test
    void compileErrorLinesCountMagicLines() {
        CompilationException e = assertThrows(CompilationException.class,
                () -> kernel.runCell("%lsmagic\n\nint bad = nothing;", null));
        assertTrue(e.getMessage().startsWith("line 3, column 11"), e.getMessage());
    }

    @Test
    void tracesNameCellsAndTheirLines() throws Exception {
        kernel.runCell("// helpers\nvoid boom2() {\n  throw new RuntimeException(\"x\");\n}", "In [7]");
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> kernel.runCell("int z = 0;\nboom2();", "In [8]"));
        assertEquals(List.of("java.lang.RuntimeException: x", "\tat boom2(In [7], line 3)", "\tat <cell>(In [8], line 2)"),
                e.report());
    }

    @Test
    void completesMagicNamesAndJava() {
        ReplacementOptions magic = kernel.complete("int a = 1;\n%mav", 15);
        assertEquals(List.of("maven"), magic.getReplacements());
        assertEquals(12, magic.getSourceStart());
        ReplacementOptions java = kernel.complete("String.valueO", 13);
        assertTrue(java.getReplacements().contains("valueOf("));
    }

    @Test
    void isCompleteLooksPastMagicLines() {
        assertEquals("complete", kernel.isComplete("%maven g:a:1"));
        assertEquals("complete", kernel.isComplete("%%compare\n//: a\nfor ("));
        assertEquals("    ", kernel.isComplete("%lsmagic\nfor (int i = 0; i < 2; i++) {"));
        assertEquals("complete", kernel.isComplete("%lsmagic\nint x = 2;"));
    }

    @Test
    void displayBeforeConnectingSaysSo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Display.display("early"));
        assertTrue(e.getMessage().contains("not connected"), e.getMessage());
    }

    @Test
    void rendersNullAndValues() {
        assertEquals("null", kernel.render(null).getData(
                io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
        assertFalse(kernel.render(List.of(1)).getData(
                io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN).toString().isEmpty());
    }
}
