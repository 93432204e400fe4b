package io.github.mp4j.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.Pool;
import io.github.mp4j.display.ChildTable;
import io.github.mp4j.shipping.ClassShipping;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * mp4j installed into a host kernel through {@link NotebookSide}, with a real in-process JShell as
 * the host ({@link LocalJShellHost}, shaped like IJava): the notebook side every adapter shares.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NotebookSideTest {

    private LocalJShellHost host;
    private NotebookSide side;

    @BeforeEach
    void install() throws Exception {
        host = new LocalJShellHost(Set.of("time"));
        side = NotebookSide.install(host);
    }

    @AfterEach
    void uninstall() {
        side.uninstall();
        host.close();
    }

    @Test
    void aRecordAMethodAndAVariableOfTheHostsCellsRunInPoolWorkers() {
        host.run("record P(int x) implements java.io.Serializable {}");
        host.run("int twice(int v) { return v * 2; }");
        host.run("int n = 5;");
        // Pool and List resolve through the imports mp4j added to the host's session
        host.run("try (Pool pool = new Pool(2)) { " + CellSink.class.getName()
                + ".value = pool.map(i -> new P(twice(i) + n), List.of(1, 2)).toString(); }");
        assertEquals("[P[x=7], P[x=9]]", CellSink.value);
    }

    @Test
    void magicsAreAddedOnlyWhereTheHostHasNoneOfThatName() {
        assertFalse(host.lineMagics.containsKey("time"), "the host's own %time stays");
        assertTrue(host.lineMagics.keySet().containsAll(List.of("timeit", "pool", "ps", "manager", "cluster")),
                host.lineMagics.keySet().toString());
        assertFalse(host.lineMagics.containsKey("lsmagic"), "the host lists its own magics");
        assertTrue(host.cellMagics.keySet().containsAll(List.of("compare", "time", "timeit")),
                host.cellMagics.keySet().toString());
    }

    @Test
    void aMagicsValueIsShownWhereTheHostDropsItAndANewPoolOnlyOnce() throws Exception {
        Object table = host.lineMagics.get("ps").run("");
        assertTrue(table instanceof ChildTable, String.valueOf(table));
        assertEquals(List.of(table), host.shown);

        // JJava and IJava pass "2;" for "Pool pool = %pool 2;"
        Object pool = host.lineMagics.get("pool").run("1;");
        assertTrue(pool instanceof Pool, String.valueOf(pool));
        assertEquals(List.of(table, pool), host.shown, "shown by %pool, not a second time as its value");
        String id = displayId(host.views.get(Pool.class), pool);
        assertNotNull(id, "a pool's output carries the display id its updates use");
        ((Pool) pool).terminate();
    }

    @Test
    void aTimeitWhoseStatementIsNoExpressionFallsBackToAStatement() throws Exception {
        host.run("int[] counter = {0};");
        host.lineMagics.get("timeit").run("-n 2 -r 1 counter[0]++;");
        host.lineMagics.get("timeit").run("-n 1 -r 1 if (counter[0] > 0) counter[0]--;");
        assertEquals("1", host.run("counter[0]"));
    }

    @Test
    void uninstallingEndsTheNotebooksPoolsAndLeavesClassShipping() throws Exception {
        Pool pool = (Pool) host.lineMagics.get("pool").run("1");
        assertSame(side, NotebookSide.installed());
        assertNotNull(ClassShipping.staticStateSource());
        side.uninstall();
        // join throws "Pool is still running" unless the pool was closed or terminated
        assertTrue(pool.join(Duration.ofSeconds(30)), "the pool was terminated");
        assertNull(NotebookSide.installed());
        assertNull(ClassShipping.staticStateSource());
        side = NotebookSide.install(host); // for @AfterEach; a second install in one JVM works
    }

    private static <T> String displayId(HtmlView<T> view, Object value) {
        return view.displayId().apply(view.type().cast(value));
    }
}
