package io.github.mp4j.display;

import io.github.mp4j.Manager;

import java.util.ArrayList;
import java.util.List;

/**
 * Managers and their shared objects, as the kernel's {@code %manager} shows them: for each manager
 * its address, then one row per object made through it with its kind and its current contents.
 * The contents are read when the table is made (one call to the manager per object); an object
 * that cannot be read shows why.
 *
 * <pre>{@code
 * ManagerTable table = new ManagerTable(Manager.active());
 * String html = table.toHtml();
 * }</pre>
 */
public final class ManagerTable {

    /** One manager as read at one moment. */
    private record Snapshot(String manager, List<String[]> rows) {
    }

    private final List<Snapshot> managers = new ArrayList<>();

    public ManagerTable(List<Manager> managers) {
        for (Manager m : managers) {
            List<String[]> rows = new ArrayList<>();
            int n = 0;
            for (Object proxy : m.objects()) {
                rows.add(new String[] {Integer.toString(++n), kind(proxy), contents(proxy)});
            }
            this.managers.add(new Snapshot(m.toString(), rows));
        }
    }

    /** The proxy's mp4j interface (DictProxy, ListProxy, ...): what the user asked the manager for. */
    private static String kind(Object proxy) {
        for (Class<?> type : proxy.getClass().getInterfaces()) {
            if (type.getPackageName().equals(Manager.class.getPackageName())) {
                return type.getSimpleName();
            }
        }
        return proxy.getClass().getInterfaces().length > 0 ? proxy.getClass().getInterfaces()[0].getSimpleName()
                : proxy.getClass().getSimpleName();
    }

    private static String contents(Object proxy) {
        try {
            return String.valueOf(proxy);
        } catch (RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    public String toHtml() {
        if (managers.isEmpty()) {
            return "<p>no live managers</p>";
        }
        StringBuilder html = new StringBuilder();
        for (Snapshot m : managers) {
            HtmlTable table = new HtmlTable("#", "object", "contents");
            m.rows().forEach(r -> table.row((Object[]) r));
            html.append("<div class=\"mp4j-manager\"><p><b>").append(HtmlTable.escape(m.manager()))
                    .append("</b> — ").append(m.rows().size()).append(" shared objects</p>\n")
                    .append(table.toHtml()).append("</div>\n");
        }
        return html.toString();
    }

    @Override
    public String toString() {
        if (managers.isEmpty()) {
            return "no live managers";
        }
        StringBuilder text = new StringBuilder();
        for (Snapshot m : managers) {
            text.append(m.manager()).append(": ").append(m.rows().size()).append(" shared objects\n");
            m.rows().forEach(r -> text.append("  ").append(r[0]).append(' ').append(r[1]).append(' ').append(r[2]).append('\n'));
        }
        return text.toString().stripTrailing();
    }
}
