package io.github.mp4j.kernel.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class MavenMagicTest {

    /**
     * {@code %maven io.github.mp4j:mp4j:VERSION} after {@code mvn install} (issue 18): the local
     * repository holds mp4j's POM and jar where install puts them, and nothing else, so resolving
     * anything beyond mp4j's jar would mean a dependency that every notebook or program gets.
     */
    @Test
    @Timeout(120)
    void mp4jInstalledInTheLocalRepositoryResolvesToItsJarAlone(@TempDir Path localRepository) throws Exception {
        String version;
        try (Reader pom = Files.newBufferedReader(Path.of("pom.xml"))) {
            version = new MavenXpp3Reader().read(pom).getVersion();
        }
        Path installed = Files.createDirectories(localRepository.resolve("io/github/mp4j/mp4j/" + version));
        Files.copy(Path.of("pom.xml"), installed.resolve("mp4j-" + version + ".pom"));
        Path jar = Files.writeString(installed.resolve("mp4j-" + version + ".jar"), ""); // its bytes are not read

        List<String> resolved = new MavenMagic(entry -> {}, localRepository).resolve(List.of("io.github.mp4j:mp4j:" + version));
        assertEquals(List.of(jar.toAbsolutePath().toString()), resolved);
    }
}
