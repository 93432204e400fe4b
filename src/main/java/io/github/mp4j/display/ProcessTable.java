package io.github.mp4j.display;

import io.github.mp4j.Process;

import java.util.List;

/**
 * Processes as an {@link HtmlTable}: name, pid, state, exit code and daemon flag, read when the
 * table is made. The kernel shows a {@code Process} value this way.
 */
public final class ProcessTable {

    private ProcessTable() {}

    /** One row per process. */
    public static String html(List<Process> processes) {
        HtmlTable table = new HtmlTable("name", "pid", "state", "exit code", "daemon");
        for (Process p : processes) {
            Long pid = p.pid();
            Integer exit = p.exitCode();
            String state = pid == null ? "initial" : exit == null ? "running" : "stopped";
            table.row(p.name(), pid == null ? "" : pid, state, exit == null ? "" : exit, p.isDaemon());
        }
        return table.toHtml();
    }
}
