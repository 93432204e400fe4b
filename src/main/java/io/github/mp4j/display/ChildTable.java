package io.github.mp4j.display;

import io.github.mp4j.spawn.ChildStatus;
import java.util.List;
import java.util.Locale;

/**
 * The child JVMs a JVM started, as the kernel's {@code %ps} shows them: pid, name, state, exit
 * code, uptime and resident memory, as a static HTML table and as aligned text. A snapshot: the
 * numbers are those of the moment it was made.
 *
 * <pre>{@code
 * ChildTable now = new ChildTable(Children.statuses());
 * String html = now.toHtml();
 * }</pre>
 */
public final class ChildTable {

    private static final String[] HEADER = {"pid", "name", "state", "exit code", "uptime", "memory (RSS)"};

    private final List<ChildStatus> children;

    public ChildTable(List<ChildStatus> children) {
        this.children = List.copyOf(children);
    }

    /** The rows, in launch order. */
    public List<ChildStatus> children() {
        return children;
    }

    public String toHtml() {
        HtmlTable table = new HtmlTable(HEADER);
        children.forEach(c -> table.row((Object[]) cells(c)));
        return table.toHtml();
    }

    @Override
    public String toString() {
        if (children.isEmpty()) {
            return "no child processes";
        }
        String row = "%8s  %-20s %-8s %9s %10s %12s%n";
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, row, (Object[]) HEADER));
        children.forEach(c -> b.append(String.format(Locale.ROOT, row, (Object[]) cells(c))));
        return b.toString().stripTrailing();
    }

    private static String[] cells(ChildStatus c) {
        return new String[] {Long.toString(c.pid()), c.name(), c.state(),
                c.exitCode() == null ? "" : c.exitCode().toString(),
                TimeFormat.nanos(c.uptime().toNanos()),
                c.residentBytes() == null ? "" : megabytes(c.residentBytes())};
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
