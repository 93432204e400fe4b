package io.github.mp4j.kernel.magics;

import io.github.mp4j.Manager;
import io.github.mp4j.display.ManagerTable;

/**
 * {@code %manager}: every live manager of this kernel with the shared objects made through it and
 * their current contents. Returns a {@link ManagerTable}, shown as HTML with a text fallback.
 */
public final class ManagerMagic {

    private ManagerMagic() {}

    public static void register(MagicRegistry registry) {
        registry.line("manager", new LineMagic() {
            @Override
            public Object run(String args) {
                if (!args.isBlank()) {
                    throw new IllegalArgumentException("%manager takes no arguments");
                }
                return new ManagerTable(Manager.active());
            }

            @Override
            public String resultType() {
                return ManagerTable.class.getName();
            }
        });
    }
}
