package io.github.mp4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ignite is an optional dependency: the library works without its jars, and Cluster says what is missing. */
@Timeout(180)
class WithoutIgniteTest {

    @Test
    void processPoolAndManagerWorkWithoutIgniteOnTheClassPath() throws Exception {
        String classPath = SeparateJvm.classPath(e -> !e.contains("ignite") && !e.contains("cache-api"));
        assertFalse(classPath.equals(System.getProperty("java.class.path")), "Ignite was not on the class path");
        SeparateJvm.Ended run = SeparateJvm.run(List.of(SeparateJvm.java(), "-cp", classPath, Main.class.getName()),
                Duration.ofSeconds(150));
        assertEquals(0, run.exitStatus(), run.toString());
        String output = run.output();
        assertTrue(output.contains("pool [1, 4, 9]"), output);
        assertTrue(output.contains("manager {n=2}"), output);
        assertTrue(output.contains("cluster: Cluster needs Apache Ignite on the class path: org.apache.ignite:ignite-core:"
                + Cluster.IGNITE_VERSION), output);
    }

    @Test
    void clusterWithoutIgnitesJvmOptionsSaysWhatToAdd() throws Exception {
        SeparateJvm.Ended run = SeparateJvm.run(List.of(SeparateJvm.java(), "-cp", System.getProperty("java.class.path"),
                NoOptions.class.getName()), Duration.ofSeconds(120));
        assertTrue(run.finished(), run.toString());
        String output = run.output();
        assertTrue(output.contains("cluster: Cluster needs Ignite's JVM options"), output);
    }

    /** Runs in a JVM that has Ignite's jar but not its JVM options. */
    public static final class NoOptions {
        public static void main(String[] args) throws Exception {
            try {
                Cluster.startLocal(1).close();
                System.out.println("cluster started?!");
            } catch (IllegalStateException e) {
                System.out.println("cluster: " + e.getMessage());
            }
        }
    }

    /** Runs in a JVM whose class path has no Ignite jar. */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            try (Pool pool = new Pool(2)) {
                System.out.println("pool " + pool.map(x -> x * x, List.of(1, 2, 3)));
            }
            try (Manager manager = Manager.start()) {
                DictProxy<String, Integer> d = manager.dict(Map.of("n", 1));
                d.compute("n", (k, v) -> v + 1);
                System.out.println("manager " + d);
            }
            try {
                Cluster.startLocal(1);
                System.out.println("cluster started?!");
            } catch (IllegalStateException e) {
                System.out.println("cluster: " + e.getMessage());
            }
        }
    }
}
