package io.github.mp4j.display;

import io.github.mp4j.Timeline;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link Timeline} as a standalone SVG, like Dask's task stream: one row per worker (labelled
 * with its pid), one bar per span from its start to its end on a shared time axis, failures red
 * with a dark outline, and a tooltip ({@code <title>}) per bar. No script, no external style.
 * Rows shrink to keep a hundred workers within about 400 px; labels are left out once rows are
 * too thin to read.
 */
public final class TimelineChart {

    private static final int LABEL_WIDTH = 130;
    private static final int PLOT_WIDTH = 620;
    private static final int TOP = 22;
    private static final int AXIS = 28;
    private static final int ROWS_HEIGHT = 400;
    private static final int TICKS = 5;

    private TimelineChart() {}

    public static String svg(Timeline timeline) {
        Map<String, List<Timeline.Span>> rows = timeline.rows();
        double rowHeight = rows.isEmpty() ? 20 : Math.max(3, Math.min(22, (double) ROWS_HEIGHT / rows.size()));
        int width = LABEL_WIDTH + PLOT_WIDTH + 20;
        int height = (int) Math.ceil(TOP + rowHeight * Math.max(1, rows.size()) + AXIS);
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"mp4j-timeline\" width=\"%d\" height=\"%d\""
                        + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\">%n",
                width, height, width, height));
        String summary = HtmlTable.escape(timeline.toString());
        svg.append("<title>").append(summary).append("</title>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" font-size=\"12\">%s</text>%n", LABEL_WIDTH, summary));
        if (rows.isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">no tasks recorded</text>%n",
                    LABEL_WIDTH, TOP + 14));
            return svg.append("</svg>").toString();
        }
        Instant origin = timeline.spans().stream().map(Timeline.Span::start).min(Instant::compareTo).orElseThrow();
        double total = Math.max(1, timeline.duration().toNanos());
        double y = TOP;
        for (Map.Entry<String, List<Timeline.Span>> row : rows.entrySet()) {
            Long pid = row.getValue().get(0).pid();
            if (rowHeight >= 9) {
                String label = pid != null ? "pid " + pid : row.getKey();
                svg.append(String.format(Locale.ROOT,
                        "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" dominant-baseline=\"middle\">%s</text>%n",
                        LABEL_WIDTH - 6, y + rowHeight / 2, HtmlTable.escape(label)));
            }
            for (Timeline.Span s : row.getValue()) {
                double x = LABEL_WIDTH + PLOT_WIDTH * nanosBetween(origin, s.start()) / total;
                double span = PLOT_WIDTH * s.duration().toNanos() / total;
                double w = span > 3 ? span - 1 : Math.max(1, span); // a pixel apart: back-to-back tasks stay two bars
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"%s>"
                                + "<title>%s on %s%s: %s from %s</title></rect>%n",
                        x, y + rowHeight * 0.1, w, rowHeight * 0.8, s.failed() ? "#e63946" : "#2a9d8f",
                        s.failed() ? " stroke=\"#6a040f\" class=\"failed\"" : "",
                        HtmlTable.escape(s.task()), HtmlTable.escape(s.worker()), pid != null ? " (pid " + pid + ")" : "",
                        s.failed() ? "failed after " + TimeFormat.nanos(s.duration().toNanos()) : TimeFormat.nanos(s.duration().toNanos()),
                        TimeFormat.nanos(nanosBetween(origin, s.start()))));
            }
            y += rowHeight;
        }
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#264653\"/>%n",
                LABEL_WIDTH, y + 2, LABEL_WIDTH + PLOT_WIDTH, y + 2));
        for (int i = 0; i <= TICKS; i++) {
            double x = LABEL_WIDTH + PLOT_WIDTH * (double) i / TICKS;
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n",
                    x, y + 16, i == 0 ? "0" : TimeFormat.nanos(total * i / TICKS)));
        }
        return svg.append("</svg>").toString();
    }

    private static double nanosBetween(Instant from, Instant to) {
        return java.time.Duration.between(from, to).toNanos();
    }
}
