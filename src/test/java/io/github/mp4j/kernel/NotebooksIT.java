package io.github.mp4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job's notebook step, as CI runs it: {@code notebooks/run.sh} executes every notebook
 * of {@code notebooks/} (and the magics test notebook under {@code src/test/resources/notebooks})
 * with the packaged kernel, headlessly through nbconvert, into {@value #OUT}; then each HTML file
 * must hold, in its outputs, every string {@code src/test/resources/notebooks/expected-outputs.json}
 * lists for it. A notebook of {@code notebooks/} without an entry there fails the test, so every
 * lesson notebook states what it must show.
 */
class NotebooksIT {

    static final String OUT = "target/notebooks-it";
    private static final Path EXPECTED = Path.of("src/test/resources/notebooks/expected-outputs.json");
    private static final long RUN_TIMEOUT_SECONDS = 600;

    @Test
    @Timeout(value = RUN_TIMEOUT_SECONDS + 60, unit = TimeUnit.SECONDS)
    void everyNotebookRunsAndItsHtmlShowsTheExpectedResults(@TempDir Path jupyter) throws Exception {
        Map<String, List<String>> expected = expectations();
        List<String> lessons;
        try (Stream<Path> files = Files.list(Path.of("notebooks"))) {
            lessons = files.map(p -> "notebooks/" + p.getFileName()).filter(n -> n.endsWith(".ipynb")).sorted().toList();
        }
        List<String> missing = lessons.stream().filter(n -> !expected.containsKey(n)).toList();
        assertEquals(List.of(), missing, "notebooks without expectations in " + EXPECTED);
        assertTrue(lessons.contains("notebooks/01-pipe.ipynb"), "no notebooks found: " + lessons);

        JupyterSandbox sandbox = JupyterSandbox.install(jupyter);
        Path out = Path.of(OUT);
        List<String> command = new ArrayList<>(List.of("notebooks/run.sh", "--kernel", JupyterSandbox.KERNEL, "--out", OUT));
        command.addAll(expected.keySet());
        Path log = jupyter.resolve("run.log");
        assertNull(JupyterSandbox.run(sandbox.command(command, log), log, RUN_TIMEOUT_SECONDS), "notebooks/run.sh failed");

        assertEquals(List.of(), missingOutputs(expected, out), "exported HTML in " + out.toAbsolutePath());
    }

    /**
     * For each notebook of {@code expected} (path to strings), the strings that no output of its HTML
     * export in {@code out} ({@code <name>.html}) contains, as "name.html: no output contains ..." lines.
     */
    static List<String> missingOutputs(Map<String, List<String>> expected, Path out) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            String name = Path.of(e.getKey()).getFileName().toString().replaceFirst("\\.ipynb$", ".html");
            List<String> outputs = outputs(out.resolve(name));
            for (String want : e.getValue()) {
                if (outputs.stream().noneMatch(o -> o.contains(want))) {
                    problems.add(name + ": no output contains \"" + want + "\"");
                }
            }
        }
        return problems;
    }

    /** Notebook path to expected strings, in file order; keys starting with '_' are comments. */
    static Map<String, List<String>> expectations() throws IOException {
        JsonNode root = new ObjectMapper().readTree(EXPECTED.toFile());
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("_")) {
                continue;
            }
            List<String> strings = new ArrayList<>();
            e.getValue().forEach(s -> strings.add(s.asText()));
            map.put(e.getKey(), strings);
        }
        return map;
    }

    /** The text and the inner HTML of every output area of an nbconvert HTML export. */
    private static List<String> outputs(Path html) throws IOException {
        assertTrue(Files.isRegularFile(html), "not exported: " + html);
        Document doc = Jsoup.parse(html.toFile());
        doc.outputSettings().prettyPrint(false); // inner HTML as nbconvert wrote it
        List<String> outputs = new ArrayList<>();
        for (Element area : doc.select(".jp-OutputArea-output")) {
            outputs.add(area.wholeText());
            outputs.add(area.html());
        }
        assertTrue(!outputs.isEmpty(), html + " has no outputs: was it executed?");
        return outputs;
    }
}
