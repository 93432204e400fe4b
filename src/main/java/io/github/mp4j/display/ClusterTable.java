package io.github.mp4j.display;

import io.github.mp4j.Cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Clusters and their server nodes, as the kernel's {@code %cluster} shows them: for each cluster
 * this JVM has joined, its discovery addresses, then one row per server node with its host, process
 * id, CPUs, maximum heap and the number of tasks it has run (Ignite's node metrics, which lag by up
 * to two seconds). A cluster that cannot be read shows why.
 *
 * <pre>{@code
 * ClusterTable table = new ClusterTable(Cluster.active());
 * String html = table.toHtml();
 * }</pre>
 */
public final class ClusterTable {

    private record Snapshot(String cluster, List<Cluster.Node> nodes, String problem) {
    }

    private final List<Snapshot> clusters = new ArrayList<>();

    public ClusterTable(List<Cluster> clusters) {
        for (Cluster c : clusters) {
            try {
                this.clusters.add(new Snapshot(c.toString(), c.nodes(), null));
            } catch (RuntimeException e) {
                this.clusters.add(new Snapshot(c.toString(), List.of(), String.valueOf(e.getMessage())));
            }
        }
    }

    /** The nodes of every cluster, in the order shown. */
    public List<Cluster.Node> nodes() {
        return clusters.stream().flatMap(c -> c.nodes().stream()).toList();
    }

    private static Object[] row(int n, Cluster.Node node) {
        return new Object[] {n, node.id().substring(0, 8), node.host(), node.pid() == null ? "?" : node.pid(),
                node.cpus(), node.maxHeapBytes() / (1024 * 1024) + " MiB", node.jobsRun()};
    }

    private static final String[] HEADER = {"#", "node", "host", "pid", "CPUs", "max heap", "tasks run"};

    private static String summary(Snapshot c) {
        int n = c.nodes().size();
        return c.problem() != null ? "unreadable: " + c.problem() : n + (n == 1 ? " server node" : " server nodes");
    }

    public String toHtml() {
        if (clusters.isEmpty()) {
            return "<p>no clusters joined</p>";
        }
        StringBuilder html = new StringBuilder();
        for (Snapshot c : clusters) {
            HtmlTable table = new HtmlTable(HEADER);
            for (int i = 0; i < c.nodes().size(); i++) {
                table.row(row(i + 1, c.nodes().get(i)));
            }
            html.append("<div class=\"mp4j-cluster\"><p><b>").append(HtmlTable.escape(c.cluster()))
                    .append("</b> — ").append(HtmlTable.escape(summary(c))).append("</p>\n")
                    .append(table.toHtml()).append("</div>\n");
        }
        return html.toString();
    }

    @Override
    public String toString() {
        if (clusters.isEmpty()) {
            return "no clusters joined";
        }
        StringBuilder text = new StringBuilder();
        for (Snapshot c : clusters) {
            text.append(c.cluster()).append(": ").append(summary(c)).append('\n');
            text.append("  ").append(String.join("  ", HEADER)).append('\n');
            for (int i = 0; i < c.nodes().size(); i++) {
                StringBuilder line = new StringBuilder(" ");
                for (Object cell : row(i + 1, c.nodes().get(i))) {
                    line.append(' ').append(cell);
                }
                text.append(line).append('\n');
            }
        }
        return text.toString().stripTrailing();
    }
}
