package io.github.mp4j.display;

import io.github.mp4j.Progress;

import java.time.Duration;
import java.util.Locale;

/**
 * A map's {@link Progress} as static HTML: an inline SVG bar (done in green, failed in red) and a
 * line of text (items, share, failures, rate, elapsed, ETA). No JavaScript and no external style,
 * so the last state drawn stays in a saved notebook and its HTML export. The notebook's progress
 * output and the {@code %pool} table draw it.
 *
 * <pre>{@code
 * String html = ProgressBar.html(pool.state().jobs().get(0));
 * }</pre>
 */
public final class ProgressBar {

    private static final int WIDTH = 240;
    private static final int HEIGHT = 14;

    private ProgressBar() {}

    public static String html(Progress p) {
        double doneWidth = p.total() == 0 ? WIDTH : WIDTH * (double) p.done() / p.total();
        double failedWidth = p.total() == 0 ? 0 : WIDTH * (double) p.failed() / p.total();
        StringBuilder html = new StringBuilder("<div class=\"mp4j-progress\">");
        html.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\""
                        + " style=\"vertical-align: middle\"><title>%s</title>"
                        + "<rect width=\"%d\" height=\"%d\" fill=\"#e9ecef\"/>"
                        + "<rect width=\"%.1f\" height=\"%d\" fill=\"%s\"/>"
                        + "<rect x=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"#e63946\"/></svg> ",
                WIDTH, HEIGHT, HtmlTable.escape(p.toString()), WIDTH, HEIGHT, doneWidth, HEIGHT,
                p.finished() ? "#2a9d8f" : "#3a86ff", doneWidth, failedWidth, HEIGHT));
        html.append("<b>").append(HtmlTable.escape(p.job())).append("</b> ")
                .append(HtmlTable.escape(summary(p))).append("</div>");
        return html.toString();
    }

    /** e.g. {@code 30/100 (30%), 2 failed, 12.5/s, elapsed 2.40 s, ETA 5.60 s}. */
    static String summary(Progress p) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%d/%d (%.0f%%)",
                p.ended(), p.total(), 100 * p.fraction()));
        if (p.failed() > 0) {
            text.append(", ").append(p.failed()).append(" failed");
        }
        text.append(String.format(Locale.ROOT, ", %.1f/s, elapsed %s", p.rate(), TimeFormat.clock(p.elapsed())));
        Duration eta = p.eta();
        text.append(p.finished() ? ", done" : ", ETA " + (eta == null ? "?" : TimeFormat.clock(eta)));
        return text.toString();
    }
}
