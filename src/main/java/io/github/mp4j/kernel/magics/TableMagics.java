package io.github.mp4j.kernel.magics;

import io.github.mp4j.Cluster;
import io.github.mp4j.Manager;
import io.github.mp4j.display.ChildTable;
import io.github.mp4j.display.ClusterTable;
import io.github.mp4j.display.ManagerTable;
import io.github.mp4j.spawn.Children;

/**
 * The magics that show what this kernel runs, each as a table (HTML with a text fallback) taken
 * when the magic runs; {@code var t = %ps} keeps one. None takes arguments.
 * <ul>
 *   <li>{@code %ps}: the child JVMs this kernel started (processes, pool workers, idle pre-started
 *       JVMs) and the last ones that exited: pid, name, state, exit code, uptime, resident memory.</li>
 *   <li>{@code %manager}: every live manager with the shared objects made through it and their
 *       current contents.</li>
 *   <li>{@code %cluster}: every cluster this kernel has joined ({@code Cluster.startLocal},
 *       {@code Cluster.connect}) with its server nodes. Needs Ignite on the class path only once a
 *       cluster exists.</li>
 * </ul>
 */
public final class TableMagics {

    private TableMagics() {}

    public static void register(MagicRegistry registry) {
        registry.snapshot("ps", ChildTable.class, () -> new ChildTable(Children.statuses()));
        registry.snapshot("manager", ManagerTable.class, () -> new ManagerTable(Manager.active()));
        registry.snapshot("cluster", ClusterTable.class, () -> new ClusterTable(Cluster.active()));
    }
}
