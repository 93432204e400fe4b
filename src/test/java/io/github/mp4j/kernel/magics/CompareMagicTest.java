package io.github.mp4j.kernel.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompareMagicTest {

    @Test
    void sectionsBecomeLambdasOnTheCellsOwnLines() {
        String body = "int n = 3;\n//: first\nfoo(n);\n//: \"second\"\nbar();\nbaz()";
        CompareMagic.Plan plan = CompareMagic.plan("-n 4", body);
        assertEquals("\nint n = 3;", plan.setup());
        String[] lines = plan.compare().split("\n", -1);
        assertTrue(lines[0].startsWith("io.github.mp4j.kernel.runtime.Timing.compare(4, new String[] {\"first\", \"\\\"second\\\"\"}"), lines[0]);
        // cell line k is lines[k - 1]: line 1 is %%compare, line 2 the setup
        assertEquals("", lines[1]);
        assertEquals("() -> {", lines[2]);
        assertEquals("foo(n);", lines[3]);
        assertEquals(";}, () -> {", lines[4]);
        assertEquals("bar();", lines[5]);
        assertEquals("baz()", lines[6]);
        assertEquals(";}})", lines[7]);
    }

    @Test
    void outputVariableAndDefaults() {
        CompareMagic.Plan plan = CompareMagic.plan("-o cmp", "//: only\nx();");
        assertTrue(plan.compare().startsWith("var cmp = io.github.mp4j.kernel.runtime.Timing.compare(5, "), plan.compare());
        assertTrue(plan.compare().endsWith(";}});\ncmp"), plan.compare());
        assertEquals("", plan.setup().strip());
    }

    @Test
    void badCellsGetClearErrors() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CompareMagic.plan("", "int x = 1;"))
                .getMessage().startsWith("no sections to compare"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CompareMagic.plan("", "//:\nx();"))
                .getMessage().contains("needs a label"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CompareMagic.plan("", "//: a\n//: a"))
                .getMessage().contains("two sections"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CompareMagic.plan("-n 0", "//: a"))
                .getMessage().contains("positive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CompareMagic.plan("-n", "//: a"))
                .getMessage().contains("needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CompareMagic.plan("-o 1x", "//: a"))
                .getMessage().contains("variable name"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CompareMagic.plan("extra", "//: a"))
                .getMessage().startsWith("unexpected 'extra'"));
    }

    @Test
    void optionsStopAtTheFirstWordThatIsNotOne() {
        MagicOptions o = MagicOptions.parse("-n 10 -r 3 list.sort(-n)", Set.of("n", "r"), "usage");
        assertEquals(Map.of("n", "10", "r", "3"), o.values());
        assertEquals("list.sort(-n)", o.rest());
        assertEquals("-x 1 y", MagicOptions.parse("-x 1 y", Set.of("n"), "usage").rest());
    }
}
