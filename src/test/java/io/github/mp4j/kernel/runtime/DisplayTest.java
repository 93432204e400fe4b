package io.github.mp4j.kernel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DisplayTest {

    @AfterEach
    void detach() {
        Display.attach(null);
        Magics.attach(null);
    }

    @Test
    void withoutKernelEveryCallSaysSo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Display.display("x"));
        assertTrue(e.getMessage().contains("no mp4j kernel"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Display.updateDisplay("id", "x"));
        assertThrows(IllegalStateException.class, () -> Display.clearOutput(false));
        assertThrows(IllegalStateException.class, () -> Magics.line("pool", "4"));
    }

    @Test
    void delegatesToTheAttachedKernelWithIds() throws Exception {
        List<String> calls = new ArrayList<>();
        Display.attach(new Display.Target() {
            public void display(Object value, String id) { calls.add("display " + value + " " + id); }
            public void update(String id, Object value) { calls.add("update " + id + " " + value); }
            public void clearOutput(boolean wait) { calls.add("clear " + wait); }
        });
        String id = Display.display("a");
        assertEquals("given", Display.display("b", "given"));
        Display.updateDisplay(id, "c");
        Display.clearOutput(true);
        assertEquals(List.of("display a " + id, "display b given", "update " + id + " c", "clear true"), calls);
        Magics.attach((name, args) -> name + ":" + args);
        assertEquals("pool:4", Magics.line("pool", "4"));
    }
}
