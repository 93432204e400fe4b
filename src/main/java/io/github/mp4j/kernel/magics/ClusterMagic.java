package io.github.mp4j.kernel.magics;

import io.github.mp4j.display.ClusterTable;

/**
 * {@code %cluster}: every cluster this kernel has joined ({@code Cluster.startLocal},
 * {@code Cluster.connect}) with its server nodes. Returns a {@link ClusterTable}, shown as HTML with
 * a text fallback. Needs Ignite on the class path only once a cluster exists.
 */
public final class ClusterMagic {

    private ClusterMagic() {}

    public static void register(MagicRegistry registry) {
        registry.line("cluster", new LineMagic() {
            @Override
            public Object run(String args) {
                if (!args.isBlank()) {
                    throw new IllegalArgumentException("%cluster takes no arguments");
                }
                return new ClusterTable(io.github.mp4j.Cluster.active());
            }

            @Override
            public String resultType() {
                return ClusterTable.class.getName();
            }
        });
    }
}
