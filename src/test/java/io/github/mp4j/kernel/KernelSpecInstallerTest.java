package io.github.mp4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSpecInstallerTest {

    @Test
    void fillsAbsolutePathsCopiesTheJarAndCanRunTwice(@TempDir Path tmp) throws Exception {
        Path jar = Files.writeString(tmp.resolve("built.jar"), "not really a jar");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        KernelSpecInstaller.Options options =
                new KernelSpecInstaller.Options(Path.of("kernel"), jar, tmp.resolve("kernels"), "mp4j-t", java);
        Path dir = KernelSpecInstaller.install(options);
        assertEquals(KernelSpecInstaller.install(options), dir, "installing again replaces in place");

        JsonNode spec = new ObjectMapper().readTree(dir.resolve("kernel.json").toFile());
        assertEquals("message", spec.get("interrupt_mode").asText());
        assertEquals("java", spec.get("language").asText());
        assertEquals(java.toString(), spec.get("argv").get(0).asText());
        String installedJar = dir.resolve("mp4j-kernel.jar").toString();
        assertTrue(spec.get("argv").toString().contains("\"-jar\",\"" + installedJar + "\""), spec.toString());
        assertEquals("{connection_file}", spec.get("argv").get(spec.get("argv").size() - 1).asText());
        // Cluster (Ignite) works in a notebook without the user typing Ignite's add-opens list
        assertTrue(spec.get("argv").toString().contains("\"--add-opens=java.base/java.nio=ALL-UNNAMED\""),
                spec.toString());
        assertEquals("Java " + Runtime.version().feature() + " (mp4j)", spec.get("display_name").asText());
        assertEquals("not really a jar", Files.readString(Path.of(installedJar)));
        assertTrue(Files.size(dir.resolve("logo-64x64.png")) > 0, "logos are copied");
        assertTrue(Files.notExists(dir.resolve("README.md")), "the template's README stays behind");
    }
}
