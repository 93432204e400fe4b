package io.github.mp4j.display;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A static HTML table, escaped, with no JavaScript or external styles, so that a notebook exported
 * to HTML keeps it exactly as shown. Renderers for mp4j's types (processes now, pools later) build
 * their {@code text/html} form with it; it does not depend on the kernel.
 *
 * <pre>{@code
 * String html = new HtmlTable("name", "pid").row("Process-1", 4242).toHtml();
 * }</pre>
 */
public final class HtmlTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with these column titles. */
    public HtmlTable(String... header) {
        this.header = List.of(header);
    }

    /**
     * Appends a row; each cell is shown as {@code String.valueOf(cell)}, escaped.
     *
     * @throws IllegalArgumentException if the row has a different number of cells than the header
     */
    public HtmlTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, header has " + header.size());
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).toList());
        return this;
    }

    /** The table as an HTML fragment. */
    public String toHtml() {
        StringBuilder html = new StringBuilder("<table class=\"mp4j\">\n<thead><tr>");
        header.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            row.forEach(c -> html.append("<td>").append(escape(c)).append("</td>"));
            html.append("</tr>\n");
        }
        return html.append("</tbody>\n</table>").toString();
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
