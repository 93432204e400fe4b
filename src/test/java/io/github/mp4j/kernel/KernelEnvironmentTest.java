package io.github.mp4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.mp4j.TemporaryProperty;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KernelEnvironmentTest {

    @Test
    void readsVariablesAndExportsWorkerProperties() {
        KernelEnvironment env = KernelEnvironment.read(Map.of(
                "MP4J_CLASSPATH", "/a.jar:/b.jar", "MP4J_STARTUP_SCRIPT", "  ",
                "MP4J_WORKER_JVM_OPTIONS", "-Xmx256m -XX:+UseSerialGC", "MP4J_WORKER_JAVA", "/opt/jdk/bin/java"));
        assertEquals("/a.jar:/b.jar", env.classpath());
        assertNull(env.startupScript(), "blank counts as absent");
        try (TemporaryProperty options = TemporaryProperty.set(KernelEnvironment.WORKER_JVM_OPTIONS_PROPERTY, null);
             TemporaryProperty java = TemporaryProperty.set(KernelEnvironment.WORKER_JAVA_PROPERTY, null);
             TemporaryProperty inherits = TemporaryProperty.set(KernelEnvironment.WORKER_INHERITS_CLASSPATH_PROPERTY, null)) {
            env.exportWorkerProperties();
            assertEquals("-Xmx256m -XX:+UseSerialGC", System.getProperty("mp4j.worker.jvmOptions"));
            assertEquals("/opt/jdk/bin/java", System.getProperty("mp4j.worker.java"));
            // workers get mp4j's jar alone; the kernel ships them the rest
            assertEquals("false", System.getProperty("mp4j.worker.inheritClasspath"));
        }
    }
}
