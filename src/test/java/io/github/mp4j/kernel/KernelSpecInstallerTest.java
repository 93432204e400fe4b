package io.github.mp4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSpecInstallerTest {

    @Test
    void fillsAbsolutePathsCopiesTheJarAndCanRunTwice(@TempDir Path tmp) throws Exception {
        Path jar = tmp.resolve("built.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (String entry : List.of("META-INF/MANIFEST.MF", "io/github/mp4j/Pool.class",
                    "io/github/mp4j/cluster/jvm-options", "org/apache/ignite/Ignite.class")) {
                out.putNextEntry(new ZipEntry(entry));
                out.write(entry.getBytes(StandardCharsets.UTF_8));
            }
        }
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
        String library = dir.resolve("mp4j.jar").toString();
        // mp4j's own classes first: the kernel gives its children that jar alone
        assertTrue(spec.get("argv").toString().contains("\"-cp\",\"" + library + File.pathSeparator + installedJar
                + "\",\"io.github.mp4j.kernel.KernelMain\""), spec.toString());
        assertEquals("{connection_file}", spec.get("argv").get(spec.get("argv").size() - 1).asText());
        // Cluster (Ignite) works in a notebook without the user typing Ignite's add-opens list
        assertTrue(spec.get("argv").toString().contains("\"--add-opens=java.base/java.nio=ALL-UNNAMED\""),
                spec.toString());
        assertEquals("Java " + Runtime.version().feature() + " (mp4j)", spec.get("display_name").asText());
        assertEquals(-1, Files.mismatch(jar, Path.of(installedJar)), "the kernel jar is copied as it is");
        List<String> own = new ArrayList<>();
        try (ZipFile zip = new ZipFile(library)) {
            zip.stream().forEach(e -> own.add(e.getName()));
            assertEquals("io/github/mp4j/Pool.class", new String(
                    zip.getInputStream(zip.getEntry("io/github/mp4j/Pool.class")).readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(List.of("io/github/mp4j/Pool.class", "io/github/mp4j/cluster/jvm-options"), own);
        try (var left = Files.list(dir)) {
            assertTrue(left.noneMatch(f -> f.toString().endsWith(".partial")), "no partial jar is left");
        }
        assertTrue(Files.size(dir.resolve("logo-64x64.png")) > 0, "logos are copied");
        assertTrue(Files.notExists(dir.resolve("README.md")), "the template's README stays behind");
    }

    @Test
    void theLibraryJarIsAsReadableAsTheKernelJar(@TempDir Path tmp) throws Exception {
        Path jar = tmp.resolve("built.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry("io/github/mp4j/Pool.class"));
        }
        Path dir = KernelSpecInstaller.install(new KernelSpecInstaller.Options(Path.of("kernel"), jar,
                tmp.resolve("kernels"), "mp4j-t", Path.of(System.getProperty("java.home"), "bin", "java")));
        // a kernelspec shared by several users must be readable by each of them
        assertEquals(Files.getPosixFilePermissions(dir.resolve("mp4j-kernel.jar")),
                Files.getPosixFilePermissions(dir.resolve("mp4j.jar")));
    }
}
