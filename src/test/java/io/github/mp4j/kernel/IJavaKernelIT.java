package io.github.mp4j.kernel;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * mp4j loaded into IJava 1.3.0 (SpencerPark/IJava; issue 18): IJava is built once for the class
 * from {@value ThirdPartyKernels#VENDOR}/ijava with {@value #POM} (its Gradle build cannot run
 * here) into one runnable jar, installed as a kernelspec run by this build's JDK, and driven by
 * {@code test_kernel_third_party.py} with {@code jupyter_client}: a plain Java cell, and, after
 * {@link #LOAD_CELL}, mp4j's cells.
 *
 * <p>Skips, with a message, when {@value ThirdPartyKernels#VENDOR} or Jupyter is missing.
 */
class IJavaKernelIT {

    /**
     * The cell that loads mp4j into IJava ({@value ThirdPartyKernels#JAR_PLACEHOLDER} stands for the
     * library jar's absolute path): IJava has no extension interface, so after {@code %jars} a call
     * installs mp4j's magics and renderers.
     */
    static final String LOAD_CELL = "%jars " + ThirdPartyKernels.JAR_PLACEHOLDER + "\n"
            + "io.github.mp4j.notebook.Mp4j.install();";
    static final String POM = "src/test/resources/ijava/pom.xml";

    @TempDir
    static Path tmp;
    private static JupyterSandbox sandbox;
    private static String kernel;
    private static final String JAVA_HOME = System.getProperty("java.home");

    @BeforeAll
    @Timeout(value = 360, unit = TimeUnit.SECONDS)
    static void buildIJava() throws Exception {
        sandbox = JupyterSandbox.empty(tmp.resolve("jupyter"));
        Path built = ThirdPartyKernels.build("ijava", tmp.resolve("build"), List.of(Path.of(POM)));
        Path jar = built.resolve("target/ijava.jar");
        assertTrue(Files.isRegularFile(jar), "not built: " + jar);
        ObjectNode spec = new ObjectMapper().createObjectNode();
        spec.putArray("argv").add("java").add("-jar").add("{resource_dir}/ijava.jar").add("{connection_file}");
        spec.put("display_name", "Java (IJava 1.3.0)");
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        spec.putObject("env");
        kernel = ThirdPartyKernels.kernelName("ijava", JAVA_HOME);
        ThirdPartyKernels.install(sandbox, kernel, spec, List.of(jar), Path.of(JAVA_HOME, "bin", "java"));
    }

    @Test
    @Timeout(value = ThirdPartyKernels.SUITE_TIMEOUT_SECONDS + 30, unit = TimeUnit.SECONDS)
    void aPlainJavaCellRuns() throws Exception {
        assertNull(ThirdPartyKernels.runSuite(sandbox, kernel, JAVA_HOME, LOAD_CELL, "PlainJavaCell", tmp.resolve("plain.log")));
    }

    @Test
    @Timeout(value = ThirdPartyKernels.SUITE_TIMEOUT_SECONDS + 30, unit = TimeUnit.SECONDS)
    void mp4jLoadsAndItsCellsRun() throws Exception {
        assertNull(ThirdPartyKernels.runSuite(sandbox, kernel, JAVA_HOME, LOAD_CELL, "Mp4jInTheKernel", tmp.resolve("mp4j.log")));
    }
}
