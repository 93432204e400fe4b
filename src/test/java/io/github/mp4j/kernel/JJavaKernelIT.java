package io.github.mp4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * mp4j loaded into JJava (dflib/jjava, the maintained successor of IJava; issue 18): JJava is built
 * once for the class from {@value ThirdPartyKernels#VENDOR}/jjava with its own Maven build, and its
 * kernelspec (launcher and kernel jar, as its distribution zip has them) is installed per JDK, the
 * build's and Temurin 25 ({@value KernelProtocolIT#TEMURIN_25}, skipped when absent). Then
 * {@code test_kernel_third_party.py} drives it with {@code jupyter_client}: a plain Java cell, and,
 * after {@link #LOAD_CELL}, mp4j's cells; and notebooks {@link #NOTEBOOKS}, each with
 * {@link #LOAD_CELL} prepended, run through {@code notebooks/run.sh} (nbconvert, nbclient) and are
 * exported to HTML, which must show what {@code NotebooksIT} expects of them with mp4j's own kernel.
 *
 * <p>Skips, with a message, when {@value ThirdPartyKernels#VENDOR} or Jupyter is missing.
 */
class JJavaKernelIT {

    /**
     * The cell that loads mp4j into JJava ({@value ThirdPartyKernels#JAR_PLACEHOLDER} stands for the
     * library jar's absolute path): {@code %classpath} adds the jar and installs the JJava extensions
     * its {@code META-INF/services} declares.
     */
    static final String LOAD_CELL = "%classpath " + ThirdPartyKernels.JAR_PLACEHOLDER;
    static final List<String> NOTEBOOKS = List.of("notebooks/03-pool.ipynb", "notebooks/05-callbacks.ipynb");
    static final String OUT = "target/jjava-notebooks-it";
    private static final String KERNELSPEC_ZIP = "jjava-distro/target/jjava-1.0-SNAPSHOT-kernelspec.zip";
    private static final long NOTEBOOKS_TIMEOUT_SECONDS = 400;

    @TempDir
    static Path tmp;
    private static JupyterSandbox sandbox;
    private static ObjectNode kernelJson;
    private static final List<Path> kernelFiles = new ArrayList<>();

    @BeforeAll
    @Timeout(value = 360, unit = TimeUnit.SECONDS)
    static void buildJJava() throws Exception {
        sandbox = JupyterSandbox.empty(tmp.resolve("jupyter"));
        Path built = ThirdPartyKernels.build("jjava", tmp.resolve("build"), List.of());
        for (Path f : ThirdPartyKernels.unzip(built.resolve(KERNELSPEC_ZIP), tmp.resolve("kernelspec"))) {
            if (f.getFileName().toString().equals("kernel.json")) {
                kernelJson = (ObjectNode) new ObjectMapper().readTree(f.toFile());
            } else {
                kernelFiles.add(f);
            }
        }
        assertTrue(kernelJson != null, "no kernel.json in " + KERNELSPEC_ZIP);
    }

    @ParameterizedTest(name = "JJava on {0}")
    @MethodSource("io.github.mp4j.kernel.KernelProtocolIT#javaHomes")
    @Timeout(value = ThirdPartyKernels.SUITE_TIMEOUT_SECONDS + 30, unit = TimeUnit.SECONDS)
    void aPlainJavaCellRuns(String javaHome) throws Exception {
        assertNull(suite(javaHome, "PlainJavaCell"));
    }

    @ParameterizedTest(name = "JJava on {0}")
    @MethodSource("io.github.mp4j.kernel.KernelProtocolIT#javaHomes")
    @Timeout(value = ThirdPartyKernels.SUITE_TIMEOUT_SECONDS + 30, unit = TimeUnit.SECONDS)
    void mp4jLoadsAndItsCellsRun(String javaHome) throws Exception {
        assertNull(suite(javaHome, "Mp4jInTheKernel"));
    }

    @Test
    @Timeout(value = NOTEBOOKS_TIMEOUT_SECONDS + 30, unit = TimeUnit.SECONDS)
    void notebooksRunWithTheLoadingCellAndExportTheirTables() throws Exception {
        String kernel = install(System.getProperty("java.home"));
        Path copies = Files.createDirectories(tmp.resolve("notebooks"));
        Path out = Path.of(OUT);
        List<String> command = new ArrayList<>(List.of("notebooks/run.sh", "--kernel", kernel, "--out", OUT));
        Map<String, List<String>> expected = new LinkedHashMap<>(NotebooksIT.expectations());
        expected.keySet().retainAll(NOTEBOOKS);
        assertEquals(NOTEBOOKS, List.copyOf(expected.keySet()), "NotebooksIT's expectations");
        for (String notebook : NOTEBOOKS) {
            Path copy = copies.resolve(Path.of(notebook).getFileName());
            withLoadingCell(Path.of(notebook), copy, kernel);
            command.add(copy.toString());
        }
        Path log = tmp.resolve("notebooks.log");
        assertNull(JupyterSandbox.run(sandbox.command(command, log), log, NOTEBOOKS_TIMEOUT_SECONDS), "notebooks/run.sh failed");
        assertEquals(List.of(), NotebooksIT.missingOutputs(expected, out), "exported HTML in " + out.toAbsolutePath());
    }

    /** Runs {@code test_kernel_third_party.<testClass>} on JJava with the JDK at {@code javaHome}. */
    private static String suite(String javaHome, String testClass) throws Exception {
        String kernel = install(javaHome);
        return ThirdPartyKernels.runSuite(sandbox, kernel, javaHome, LOAD_CELL, testClass,
                tmp.resolve(kernel + "-" + testClass + ".log"));
    }

    private static String install(String javaHome) throws Exception {
        String name = ThirdPartyKernels.kernelName("jjava", javaHome);
        ThirdPartyKernels.install(sandbox, name, kernelJson, kernelFiles, Path.of(javaHome, "bin", "java"));
        return name;
    }

    /** Writes {@code notebook} to {@code copy} with {@link #LOAD_CELL} as its first cell, for {@code kernel}. */
    private static void withLoadingCell(Path notebook, Path copy, String kernel) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode nb = (ObjectNode) json.readTree(notebook.toFile());
        ObjectNode cell = json.createObjectNode();
        cell.put("id", "mp4j-loading-cell"); // nbformat 4.5 cells have ids
        cell.put("cell_type", "code");
        cell.putNull("execution_count");
        cell.putObject("metadata");
        cell.putArray("outputs");
        cell.put("source", ThirdPartyKernels.loadCell(LOAD_CELL));
        ((ArrayNode) nb.get("cells")).insert(0, cell);
        ObjectNode spec = nb.withObjectProperty("metadata").withObjectProperty("kernelspec");
        spec.put("name", kernel);
        spec.put("display_name", kernelJson.get("display_name").asText());
        json.writeValue(copy.toFile(), nb);
    }
}
