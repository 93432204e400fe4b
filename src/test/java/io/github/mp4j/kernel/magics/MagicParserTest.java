package io.github.mp4j.kernel.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MagicParserTest {

    private final MagicParser parser = new MagicParser(name -> name.equals("pool") ? "Pool" : "Object");

    @Test
    void plainJavaIsOneCodePart() {
        assertEquals(List.of(new CellPart.Code("int x = 1;\nx % 2")), parser.parse("int x = 1;\nx % 2"));
    }

    @Test
    void lineMagicsSplitCodeAndKeepLineNumbers() {
        List<CellPart> parts = parser.parse("int a = 1;\n%maven g:a:1.0\nint b = a;");
        assertEquals(3, parts.size());
        assertEquals(new CellPart.Code("int a = 1;\n"), parts.get(0));
        assertEquals(new CellPart.LineMagic("maven", "g:a:1.0", 2), parts.get(1));
        // two line breaks before "int b": the compiler reports it on line 3, as in the cell
        assertEquals(new CellPart.Code("\n\nint b = a;"), parts.get(2));
    }

    @Test
    void indentedMagicWithoutArguments() {
        assertEquals(List.of(new CellPart.LineMagic("lsmagic", "", 1)), parser.parse("  %lsmagic  "));
    }

    @Test
    void cellMagicTakesTheRestOfTheCell() {
        assertEquals(List.of(new CellPart.CellMagic("compare", "--repeat 3", "//: a\nx();\n%not-a-line-magic")),
                parser.parse("\n%%compare --repeat 3\n//: a\nx();\n%not-a-line-magic"));
    }

    @Test
    void assignedMagicBecomesATypedRuntimeCall() {
        List<CellPart> parts = parser.parse("var p = %pool 4 --warm");
        assertEquals(List.of(new CellPart.Code(
                "var p = (Pool) io.github.mp4j.kernel.runtime.Magics.line(\"pool\", \"4 --warm\");")), parts);
        CellPart.Code typed = (CellPart.Code) parser.parse("Object o = %ps;").get(0);
        assertTrue(typed.code().startsWith("Object o = (Object) io.github.mp4j.kernel.runtime.Magics.line(\"ps\", \"\")"),
                typed.code());
        CellPart.Code field = (CellPart.Code) parser.parse("this.pools[0] = %pool 2").get(0);
        assertTrue(field.code().startsWith("this.pools[0] = (Pool)"), field.code());
    }

    @Test
    void comparisonsAndModuloStayJava() {
        for (String java : List.of("boolean b = x == %y;", "if (a <= %b) {}", "int r = a % b;", "String s = \"= %pool\";")) {
            assertEquals(List.of(new CellPart.Code(java)), parser.parse(java), java);
        }
    }

    @Test
    void argumentsAreQuotedAsJavaStrings() {
        assertEquals("\"a\\\"b\\\\c\\td\"", MagicParser.javaString("a\"b\\c\td"));
    }

    @Test
    void registryListsAndRejectsUnknownMagics() throws Exception {
        MagicRegistry registry = new MagicRegistry();
        ClasspathMagics.register(registry, path -> {});
        assertEquals("Line magics: %classpath %jars %lsmagic\nCell magics: (none)", registry.line("lsmagic").run(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.line("nope"));
        assertTrue(e.getMessage().contains("%lsmagic"));
        assertEquals("Object", registry.resultType("nope"));
    }
}
