package io.github.mp4j.display;

import java.util.Locale;

/**
 * A {@link Comparison} as static HTML: a table (runs, min, median, max, ratio to the fastest) and
 * an inline SVG chart with one bar per section (its median) and a line from its min to its max.
 * No JavaScript and no external styles, so exported notebooks keep it as shown.
 */
final class ComparisonChart {

    /** Label space per character of the longest label (12 px sans-serif), within bounds. */
    private static final int CHAR_WIDTH = 7;
    private static final int MIN_LABEL_WIDTH = 60;
    private static final int MAX_LABEL_WIDTH = 420;
    private static final int BAR_SPACE = 360;
    private static final int TEXT_SPACE = 140;
    private static final int ROW_HEIGHT = 26;
    private static final int BAR_HEIGHT = 16;

    private ComparisonChart() {}

    static String html(Comparison c) {
        HtmlTable table = new HtmlTable("section", "runs", "min", "median", "max", "ratio");
        for (Comparison.Section s : c.sections()) {
            table.row(s.label(), s.nanos().size(), TimeFormat.nanos(s.min()), TimeFormat.nanos(s.median()),
                    TimeFormat.nanos(s.max()), Comparison.ratioText(c.ratio(s)));
        }
        return "<div class=\"mp4j-compare\">\n" + table.toHtml() + "\n" + svg(c) + "\n</div>";
    }

    /** Bars scaled to the largest max, so every min–max line fits. */
    static String svg(Comparison c) {
        double scale = c.sections().stream().mapToLong(Comparison.Section::max).max().orElse(1);
        if (scale <= 0) {
            scale = 1;
        }
        int longest = c.sections().stream().mapToInt(s -> s.label().length()).max().orElse(0);
        int labelWidth = Math.min(MAX_LABEL_WIDTH, Math.max(MIN_LABEL_WIDTH, CHAR_WIDTH * longest + 12));
        int width = labelWidth + BAR_SPACE + TEXT_SPACE;
        int height = ROW_HEIGHT * c.sections().size() + 8;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"12\" role=\"img\">%n",
                width, height, width, height));
        svg.append("<title>median time per section (bar), min to max (line)</title>\n");
        String fastest = c.fastest().label();
        int y = 4;
        for (Comparison.Section s : c.sections()) {
            double bar = BAR_SPACE * s.median() / scale;
            double from = labelWidth + BAR_SPACE * s.min() / scale;
            double to = labelWidth + BAR_SPACE * s.max() / scale;
            double mid = y + ROW_HEIGHT / 2.0;
            String label = HtmlTable.escape(s.label());
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" dominant-baseline=\"middle\">%s</text>%n",
                    labelWidth - 6, mid, label));
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: median %s</title></rect>%n",
                    labelWidth, mid - BAR_HEIGHT / 2.0, Math.max(bar, 1), BAR_HEIGHT,
                    s.label().equals(fastest) ? "#2a9d8f" : "#e76f51", label, TimeFormat.nanos(s.median())));
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#264653\" stroke-width=\"2\"/>%n",
                    from, mid, to, mid));
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%.1f\" dominant-baseline=\"middle\">%s (%s)</text>%n",
                    Math.max(labelWidth + bar, to) + 6, mid, TimeFormat.nanos(s.median()),
                    Comparison.ratioText(c.ratio(s))));
            y += ROW_HEIGHT;
        }
        return svg.append("</svg>").toString();
    }
}
