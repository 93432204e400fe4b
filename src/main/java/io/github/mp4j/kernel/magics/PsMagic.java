package io.github.mp4j.kernel.magics;

import io.github.mp4j.display.ChildTable;
import io.github.mp4j.spawn.Children;

/**
 * {@code %ps}: the child JVMs this kernel started (processes, pool workers, idle pre-started
 * JVMs) and the last ones that exited: pid, name, state, exit code, uptime, resident memory.
 * Returns a {@link ChildTable}, shown as HTML with a text fallback; {@code var t = %ps} keeps it.
 */
public final class PsMagic {

    private PsMagic() {}

    public static void register(MagicRegistry registry) {
        registry.line("ps", new LineMagic() {
            @Override
            public Object run(String args) {
                if (!args.isBlank()) {
                    throw new IllegalArgumentException("%ps takes no arguments");
                }
                return new ChildTable(Children.statuses());
            }

            @Override
            public String resultType() {
                return ChildTable.class.getName();
            }
        });
    }
}
