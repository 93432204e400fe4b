package io.github.mp4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The notebooks are committed without outputs, and ask for the kernel the main job installs. */
class NotebookFilesTest {

    @Test
    void notebooksHaveNoOutputsAndNameTheMp4jKernel() throws Exception {
        List<Path> notebooks;
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("notebooks")), Files.list(Path.of("src/test/resources/notebooks")))) {
            notebooks = files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertFalse(notebooks.isEmpty());
        List<String> problems = new ArrayList<>();
        for (Path nb : notebooks) {
            JsonNode root = new ObjectMapper().readTree(nb.toFile());
            if (!"mp4j".equals(root.path("metadata").path("kernelspec").path("name").asText())) {
                problems.add(nb + ": metadata.kernelspec.name is not mp4j");
            }
            int index = 0;
            for (JsonNode cell : root.path("cells")) {
                index++;
                if (cell.path("cell_type").asText().equals("code")
                        && (cell.path("outputs").size() > 0 || !cell.path("execution_count").isNull())) {
                    problems.add(nb + ": cell " + index + " has outputs or an execution count (clear them before committing)");
                }
            }
        }
        assertEquals(List.of(), problems);
    }
}
