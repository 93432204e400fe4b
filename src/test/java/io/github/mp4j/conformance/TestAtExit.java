package io.github.mp4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mp4j.Process;
import io.github.mp4j.StartMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** CPython's {@code _TestAtExit}, once per start method: Python's {@code atexit} is a shutdown hook. */
@ParameterizedClass(name = "{0}")
@EnumSource(StartMethod.class)
class TestAtExit extends PerStartMethod {

    @TempDir
    Path tempDir;

    @Test
    void testAtexit() throws Exception {
        String output = tempDir.resolve("output.txt").toString();
        Process p = process(() -> Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.writeString(Path.of(output), "deadbeef");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })));
        p.start();
        join(p);
        assertEquals("deadbeef", Files.readString(Path.of(output)));
    }
}
