package io.github.mp4j.kernel.magics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a cell into Java code and magics.
 *
 * <ul>
 *   <li>A cell whose first non-blank line starts with {@code %%} is one {@link CellPart.CellMagic}.
 *   <li>A line that starts with {@code %} (after blanks) is a {@link CellPart.LineMagic}.
 *   <li>A line of the form {@code <declaration or variable> = %name args} (optionally ending in
 *       {@code ;}) stays Java: the magic becomes a call of
 *       {@link io.github.mp4j.kernel.runtime.Magics#line}, cast to the magic's declared result
 *       type, so {@code var pool = %pool 4} gives {@code pool} the magic's type.
 *   <li>Everything else is Java, grouped into {@link CellPart.Code} parts between magic lines.
 * </ul>
 * Magic arguments run to the end of the line; a magic line inside a text block or comment is still
 * taken for a magic.
 */
public final class MagicParser {

    private static final Pattern LINE_MAGIC = Pattern.compile("^\\s*%(?!%)([\\w.-]+)[ \\t]*(.*?)\\s*$");
    private static final Pattern CELL_MAGIC = Pattern.compile("^\\s*%%([\\w.-]+)[ \\t]*(.*?)\\s*$");
    /** {@code lhs = %name args}: the left side must not end in an operator that makes {@code =} part of {@code ==} etc. */
    private static final Pattern ASSIGNED_MAGIC =
            Pattern.compile("^(\\s*[^=%\"'/]*?[\\w\\]>)\\s])=\\s*%(?!%)([\\w.-]+)[ \\t]*(.*?)\\s*;?\\s*$");

    private final Function<String, String> resultType;

    /**
     * @param resultType the Java type an assigned magic's value is cast to, by magic name; a
     *                   magic without a declared type gives {@code Object}
     */
    public MagicParser(Function<String, String> resultType) {
        this.resultType = resultType;
    }

    /** The parts of {@code cell}, in order. */
    public List<CellPart> parse(String cell) {
        String[] lines = cell.split("\n", -1);
        List<CellPart> parts = new ArrayList<>();
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first < lines.length) {
            Matcher m = CELL_MAGIC.matcher(lines[first]);
            if (m.matches()) {
                String body = String.join("\n", java.util.Arrays.copyOfRange(lines, first + 1, lines.length));
                parts.add(new CellPart.CellMagic(m.group(1), m.group(2), body));
                return parts;
            }
        }
        StringBuilder code = new StringBuilder();
        boolean hasCode = false;
        for (int i = 0; i < lines.length; i++) {
            Matcher line = LINE_MAGIC.matcher(lines[i]);
            Matcher assigned = ASSIGNED_MAGIC.matcher(lines[i]);
            if (line.matches()) {
                if (hasCode) {
                    parts.add(new CellPart.Code(code.toString()));
                }
                parts.add(new CellPart.LineMagic(line.group(1), line.group(2), i + 1));
                code.setLength(0);
                hasCode = false;
                code.append("\n".repeat(i + 1));
                continue;
            }
            if (assigned.matches()) {
                code.append(assigned.group(1)).append("= (").append(resultType.apply(assigned.group(2)))
                        .append(") io.github.mp4j.kernel.runtime.Magics.line(")
                        .append(javaString(assigned.group(2))).append(", ")
                        .append(javaString(assigned.group(3))).append(");");
            } else {
                code.append(lines[i]);
            }
            if (i < lines.length - 1) {
                code.append('\n');
            }
            hasCode |= !lines[i].isBlank();
        }
        if (hasCode) {
            parts.add(new CellPart.Code(code.toString()));
        }
        return parts;
    }

    /** {@code s} as a Java string literal. */
    static String javaString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
