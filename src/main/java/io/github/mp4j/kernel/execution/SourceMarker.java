package io.github.mp4j.kernel.execution;

import java.util.ArrayList;
import java.util.List;

/** Turns an offset range in a cell into "line L, column C" and the source line with a caret mark. */
final class SourceMarker {

    private SourceMarker() {}

    /** "line L, column C" (both 1-based) of {@code offset} in {@code cell}. */
    static String location(String cell, int offset) {
        int[] lc = lineAndColumn(cell, offset);
        return "line " + lc[0] + ", column " + lc[1];
    }

    /**
     * The report for one problem: its location and message, the source line, and a line of
     * {@code ^} under the characters from {@code start} to {@code end} (at least one, and never
     * past the end of the source line).
     */
    static List<String> mark(String cell, int start, int end, String message) {
        start = Math.min(Math.max(0, start), cell.length());
        int[] lc = lineAndColumn(cell, start);
        int lineStart = cell.lastIndexOf('\n', start - 1) + 1;
        int lineEnd = cell.indexOf('\n', start);
        if (lineEnd < 0) {
            lineEnd = cell.length();
        }
        String source = cell.substring(lineStart, lineEnd).replace('\t', ' ');
        int width = Math.max(1, Math.min(end, lineEnd) - start);
        List<String> lines = new ArrayList<>();
        // JShell's wrapper classes are nameless to the user: drop "location: class" with no name.
        List<String> messageLines = message.lines()
                .filter(l -> !l.strip().equals("location: class")).toList();
        lines.add("line " + lc[0] + ", column " + lc[1] + ": "
                + (messageLines.isEmpty() ? "" : messageLines.get(0)));
        for (int i = 1; i < messageLines.size(); i++) {
            lines.add("    " + messageLines.get(i));
        }
        lines.add("    " + source);
        lines.add("    " + " ".repeat(start - lineStart) + "^".repeat(width));
        return lines;
    }

    private static int[] lineAndColumn(String cell, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(offset, cell.length()); i++) {
            if (cell.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }
}
