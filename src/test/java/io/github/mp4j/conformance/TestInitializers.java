package io.github.mp4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.Manager;
import io.github.mp4j.Namespace;
import io.github.mp4j.Pool;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CPython's {@code TestInitializers}: the initializer of a manager's server and of a pool's
 * workers runs once, there. (CPython also checks that a non-callable initializer is refused; a
 * Java compiler does that.)
 */
class TestInitializers {

    private Manager mgr;
    private Namespace ns;

    @BeforeEach
    void setUp() throws Exception {
        mgr = Manager.start();
        ns = mgr.namespace();
        ns.set("test", 0);
    }

    @AfterEach
    void tearDown() {
        mgr.shutdown();
    }

    @Test
    void testManagerInitializer() throws Exception {
        Namespace shared = ns;
        try (Manager m = Manager.start(() -> shared.update("test", (Integer n) -> n + 1))) {
            assertEquals(1, (Integer) ns.get("test"));
        }
    }

    @Test
    void testPoolInitializer() throws Exception {
        Namespace shared = ns;
        Pool p = Pool.builder().processes(1).initializer(() -> shared.update("test", (Integer n) -> n + 1)).build();
        p.close();
        assertTrue(p.join(Duration.ofSeconds(60)));
        assertEquals(1, (Integer) ns.get("test"));
    }
}
