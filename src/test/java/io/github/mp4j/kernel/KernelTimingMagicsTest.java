package io.github.mp4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.CapturedOutput;
import io.github.mp4j.display.ChildTable;
import io.github.mp4j.display.Comparison;
import io.github.mp4j.kernel.execution.CompilationException;
import io.github.mp4j.kernel.execution.EvaluationException;
import io.github.mp4j.kernel.runtime.TimeitResult;
import io.github.mp4j.kernel.runtime.Timing;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** %%compare, %time, %%time, %timeit, %%timeit and %ps run through the kernel's cell runner. */
class KernelTimingMagicsTest {

    static Mp4jKernel kernel;

    @BeforeAll
    static void start() {
        kernel = TestKernels.start();
    }

    @AfterAll
    static void stop() {
        TestKernels.stop(kernel);
    }

    private static Object run(String cell) throws Exception {
        return kernel.runCell(cell, null).value();
    }

    /** What {@code action} prints on System.out, and its value. */
    private static <T> Printed<T> printed(Callable<T> action) throws Exception {
        try (CapturedOutput out = CapturedOutput.ofOut()) {
            T value = action.call();
            return new Printed<>(out.text(), value);
        }
    }

    record Printed<T>(String text, T value) {}

    @Test
    void compareTimesEachSectionAndKeepsTheResultForLaterCells() throws Exception {
        Object value = run("""
                %%compare -n 3 -o cmp
                int[] calls = new int[2];
                //: sum of squares
                calls[0]++;
                long s = 0; for (int i = 0; i < 1000; i++) s += (long) i * i;
                //: sleep 1 ms
                calls[1]++;
                Thread.sleep(1)
                """);
        Comparison c = assertInstanceOf(Comparison.class, value);
        assertEquals(java.util.List.of("sum of squares", "sleep 1 ms"),
                c.sections().stream().map(Comparison.Section::label).toList());
        assertEquals(3, c.section("sleep 1 ms").nanos().size());
        assertEquals(3, run("calls[0]"), "setup ran once, each section three times");
        assertEquals(3, run("calls[1]"));
        assertEquals(c, run("cmp"));
        assertEquals(c, run("io.github.mp4j.kernel.runtime.Timing.lastComparison()"));
        DisplayData shown = kernel.render(c);
        assertTrue(shown.getData(MIMEType.TEXT_HTML).toString().contains("<svg"));
        assertTrue(shown.getData(MIMEType.TEXT_PLAIN).toString().contains("sleep 1 ms"));
        assertTrue(run("cmp.toJson()").toString().contains("\"label\":\"sum of squares\""));
    }

    @Test
    void compareErrorsNameTheCellsLines() {
        CompilationException e = assertThrows(CompilationException.class, () -> run("""
                %%compare
                //: fine
                int ok = 1;
                //: broken
                int bad = missingName;
                """));
        assertTrue(e.getMessage().startsWith("line 5, column 11"), e.getMessage());
        EvaluationException thrown = assertThrows(EvaluationException.class,
                () -> run("%%compare\n//: throws\nif (true) throw new IllegalStateException(\"from a section\");"));
        assertTrue(thrown.getMessage().contains("from a section"), thrown.getMessage());
    }

    @Test
    void timePrintsWallTimeAndKeepsTheValue() throws Exception {
        Printed<Object> line = printed(() -> run("%time 6 * 7"));
        assertEquals(42, line.value());
        assertTrue(line.text().matches("CPU times: user [0-9.]+ (ns|µs|ms|s), sys: [0-9.]+ (ns|µs|ms|s), "
                + "total: [0-9.]+ (ns|µs|ms|s)\\RWall time: [0-9.]+ (ns|µs|ms|s)\\R"), line.text());
        Printed<Object> cell = printed(() -> run("%%time\nint timedCellVar = 5;\ntimedCellVar * 2"));
        assertEquals(10, cell.value());
        assertTrue(cell.text().startsWith("CPU times: user ") && cell.text().contains("\nWall time: "), cell.text());
        assertEquals(5, run("timedCellVar"), "a %%time cell's declarations stay");
    }

    @Test
    void timeitPrintsMeanAndStdDevLikeIpython() throws Exception {
        Printed<Object> expr = printed(() -> run("%timeit -n 5 -r 2 Math.sqrt(2.0)"));
        assertNull(expr.value());
        assertTrue(expr.text().matches(".+ ± .+ per loop \\(mean ± std\\. dev\\. of 2 runs, 5 loops each\\)\\R"), expr.text());
        run("int[] counter = new int[1];");
        printed(() -> run("%timeit -n 3 -r 4 -o t counter[0]++;"));
        assertEquals(12, run("counter[0]"));
        TimeitResult t = assertInstanceOf(TimeitResult.class, run("t"));
        assertEquals(3, t.loops());
        assertEquals(t, Timing.lastTimeit());
        // a void call is not an expression: timed as a statement
        printed(() -> run("%timeit -n 2 -r 1 counter[0] = counter[0]"));
        Printed<Object> cell = printed(() -> run("%%timeit -n 2 -r 3 counter[0] = 0;\ncounter[0]++;\nThread.yield();"));
        assertTrue(cell.text().contains("of 3 runs, 2 loops each"), cell.text());
        assertEquals(6, run("counter[0]"), "setup once, then 3 runs of 2 loops");
    }

    @Test
    void timeitPicksTheLoopCountItself() throws Exception {
        Printed<Object> auto = printed(() -> run("%timeit -r 1 Thread.sleep(150)"));
        assertTrue(auto.text().contains("of 1 run, 10 loops each"), auto.text()); // 1 loop < 0.2 s, 10 loops >= 0.2 s
    }

    @Test
    void magicsThatRunCodeRefuseToRunInsideAnExpression() {
        EvaluationException e = assertThrows(EvaluationException.class, () -> run("var v = %time 1"));
        assertTrue(e.getMessage().contains("must stand on a line of its own"), e.getMessage());
    }

    @Test
    void psListsTheKernelsChildren() throws Exception {
        run("var psChild = new Process(\"ps-in-kernel\", () -> System.exit(4)); psChild.start(); psChild.join();");
        ChildTable table = assertInstanceOf(ChildTable.class, run("%ps"));
        long pid = (Long) run("psChild.pid()");
        assertTrue(table.children().stream().anyMatch(s -> s.pid() == pid && s.name().equals("ps-in-kernel")
                && s.state().equals("exited") && Integer.valueOf(4).equals(s.exitCode())), table.toString());
        assertTrue(kernel.render(table).getData(MIMEType.TEXT_HTML).toString().contains("<td>ps-in-kernel</td>"));
        assertInstanceOf(ChildTable.class, run("var listed = %ps\nlisted"));
        assertThrows(IllegalArgumentException.class, () -> run("%ps now"));
    }

    @Test
    void managerListsSharedObjectsWithTheirContents() throws Exception {
        run("var shownManager = Manager.start();");
        String address = (String) run("shownManager.address()");
        try {
            run("var counts = shownManager.dict(Map.of(\"count\", 3)); var names = shownManager.list(List.of(\"a\"));");
            run("counts.compute(\"count\", (k, v) -> v - 1);");
            io.github.mp4j.display.ManagerTable table = assertInstanceOf(io.github.mp4j.display.ManagerTable.class, run("%manager"));
            String text = table.toString();
            assertTrue(text.contains("2 shared objects") && text.contains("DictProxy {count=2}")
                    && text.contains("ListProxy [a]"), text);
            String html = kernel.render(table).getData(MIMEType.TEXT_HTML).toString();
            assertTrue(html.contains("<td>DictProxy</td><td>{count=2}</td>"), html);
            assertThrows(IllegalArgumentException.class, () -> run("%manager all"));
        } finally {
            run("shownManager.close();");
        }
        assertTrue(!run("%manager").toString().contains(address), "a closed manager is no longer listed");
    }

    @Test
    void clusterListsTheServerNodesOfEveryJoinedCluster() throws Exception {
        assertTrue(run("%cluster").toString().contains("no clusters joined"), "no cluster yet");
        run("var shownCluster = Cluster.startLocal(1);");
        try {
            long pid = (Long) run("shownCluster.localNodePids().get(0)");
            io.github.mp4j.display.ClusterTable table =
                    assertInstanceOf(io.github.mp4j.display.ClusterTable.class, run("%cluster"));
            assertEquals(1, table.nodes().size(), table.toString());
            assertEquals(pid, table.nodes().get(0).pid());
            assertTrue(table.toString().contains(": 1 server node\n"), table.toString());
            String html = kernel.render(table).getData(MIMEType.TEXT_HTML).toString();
            assertTrue(html.contains("<td>" + pid + "</td>"), html);
            assertThrows(IllegalArgumentException.class, () -> run("%cluster nodes"));
        } finally {
            run("shownCluster.close();");
        }
        assertTrue(run("%cluster").toString().contains("no clusters joined"), "a closed cluster is no longer listed");
    }
}
