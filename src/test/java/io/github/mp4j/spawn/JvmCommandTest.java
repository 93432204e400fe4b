package io.github.mp4j.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import io.github.mp4j.TemporaryProperty;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JvmCommandTest {

    @Test
    void childrenInheritTheClassPathUnlessToldToTakeOnlyMp4jAndTheWorkerClassPath() throws Exception {
        String own = Path.of(JvmCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String inherited = System.getProperty("java.class.path");
        try (TemporaryProperty extra = TemporaryProperty.set("mp4j.worker.classpath", "/opt/extra.jar")) {
            String all = JvmCommand.classPath();
            assertEquals(inherited.contains(own) ? inherited + File.pathSeparator + "/opt/extra.jar"
                    : inherited + File.pathSeparator + own + File.pathSeparator + "/opt/extra.jar", all);
            try (TemporaryProperty alone = TemporaryProperty.set("mp4j.worker.inheritClasspath", "false")) {
                assertEquals(own + File.pathSeparator + "/opt/extra.jar", JvmCommand.classPath());
            }
        }
    }
}
