package io.github.mp4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every notebook of {@code notebooks/}, run in a real browser: Debian's classic Jupyter Notebook
 * server on loopback with a random token, the packaged kernel installed in a {@link JupyterSandbox},
 * and headless Chromium ({@code /usr/bin/chromium}, never a downloaded browser) driven by
 * {@code playwright-core} through {@code src/test/browser/run-notebooks.mjs}: it clicks
 * Cell &gt; Run All and fails on any cell that errored or did not run, or when the live
 * {@code %pool} table of {@code 03-pool} did not change while the cells ran. Screenshots land in
 * {@value #SCREENSHOTS}.
 *
 * <p>{@code npm ci} installs the pinned {@code playwright-core} into {@value #NODE_DIR} (from the
 * npm registry, once per lock file). Skips only when Jupyter, Chromium or Node.js is missing;
 * {@code .ci/run} installs them.
 */
class BrowserIT {

    static final String NODE_DIR = "target/browser-test";
    static final String SCREENSHOTS = "target/browser-screenshots";
    private static final Path SOURCES = Path.of("src/test/browser");
    private static final long NPM_TIMEOUT_SECONDS = 300;
    private static final long SERVER_START_SECONDS = 90;
    private static final long BROWSER_TIMEOUT_SECONDS = 600;

    @Test
    @Timeout(value = NPM_TIMEOUT_SECONDS + SERVER_START_SECONDS + BROWSER_TIMEOUT_SECONDS + 60, unit = TimeUnit.SECONDS)
    void everyNotebookRunsInChromiumWithoutAnError(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "Chromium is missing: apt-get install -y chromium (.ci/run does)");
        assumeTrue(onPath("node") && onPath("npm"), "Node.js is missing: apt-get install -y nodejs npm (.ci/run does)");
        JupyterSandbox sandbox = JupyterSandbox.install(tmp.resolve("jupyter"));
        Path node = installPlaywright(tmp);

        Path notebooks = Files.createDirectories(tmp.resolve("notebooks")); // the browser saves into its copies
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("notebooks"))) {
            for (Path nb : files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList()) {
                Files.copy(nb, notebooks.resolve(nb.getFileName()));
                names.add(nb.getFileName().toString());
            }
        }
        assertTrue(names.contains("01-pipe.ipynb"), "no notebooks: " + names);

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String token = HexFormat.of().formatHex(SecureRandom.getInstanceStrong().generateSeed(24));
        String base = "http://127.0.0.1:" + port;
        Path serverLog = tmp.resolve("server.log");
        java.lang.Process server = sandbox.command(List.of("jupyter", "notebook", "--no-browser", "--allow-root",
                "--ip=127.0.0.1", "--port=" + port, "--port-retries=0", "--NotebookApp.token=" + token,
                "--notebook-dir=" + notebooks), serverLog).start();
        try {
            awaitServer(base, token, server, serverLog);
            Path browserLog = tmp.resolve("browser.log");
            List<String> command = new ArrayList<>(List.of("node", "run-notebooks.mjs", base, token,
                    Path.of(SCREENSHOTS).toAbsolutePath().toString()));
            command.addAll(names);
            String failure = JupyterSandbox.run(sandbox.command(command, browserLog).directory(node.toFile()),
                    browserLog, BROWSER_TIMEOUT_SECONDS);
            String report = Files.readString(browserLog);
            assertNull(failure, "browser run failed\n---- server log ----\n" + Files.readString(serverLog));
            List<JsonNode> results = new ArrayList<>();
            for (String line : report.lines().filter(l -> l.startsWith("{")).toList()) {
                results.add(new ObjectMapper().readTree(line));
            }
            assertEquals(names.size(), results.size(), report);
            for (JsonNode r : results) {
                assertTrue(r.get("ok").asBoolean() && r.get("cells").asInt() > 0, r.toString());
                assertTrue(Files.size(Path.of(r.get("screenshot").asText())) > 10_000, "screenshot " + r);
                if (r.get("notebook").asText().equals("03-pool.ipynb")) { // the live %pool table changed while running
                    JsonNode live = r.path("duringRun");
                    assertTrue(live.hasNonNull("before") && live.hasNonNull("after")
                            && !live.get("before").equals(live.get("after")), r.toString());
                }
            }
        } finally {
            stop(server, base, token);
        }
    }

    /** {@code npm ci} into {@value #NODE_DIR} unless the same lock file is already installed there. */
    private static Path installPlaywright(Path tmp) throws Exception {
        Path dir = Files.createDirectories(Path.of(NODE_DIR).toAbsolutePath());
        for (String f : List.of("package.json", "run-notebooks.mjs")) {
            Files.copy(SOURCES.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Path lock = SOURCES.resolve("package-lock.json");
        Path installed = dir.resolve("package-lock.json");
        boolean current = Files.isDirectory(dir.resolve("node_modules/playwright-core"))
                && Files.exists(installed) && Files.mismatch(lock, installed) == -1;
        if (!current) {
            Files.copy(lock, installed, StandardCopyOption.REPLACE_EXISTING);
            Path log = tmp.resolve("npm.log");
            ProcessBuilder npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            assertNull(JupyterSandbox.run(npm, log, NPM_TIMEOUT_SECONDS), "npm ci failed");
        }
        return dir;
    }

    private static void awaitServer(String base, String token, java.lang.Process server, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SERVER_START_SECONDS);
        while (System.nanoTime() < deadline) {
            assertTrue(server.isAlive(), "the notebook server exited:\n" + Files.readString(log));
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/status?token=" + token))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the notebook server did not answer within " + SERVER_START_SECONDS + " s:\n" + Files.readString(log));
    }

    /** Shuts the kernels down through the REST API (so their child JVMs end), then the server. */
    private static void stop(java.lang.Process server, String base, String token) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> kernels = http.send(HttpRequest.newBuilder(URI.create(base + "/api/kernels?token=" + token))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode k : new ObjectMapper().readTree(kernels.body())) {
                http.send(HttpRequest.newBuilder(URI.create(base + "/api/kernels/" + k.get("id").asText() + "?token=" + token))
                        .DELETE().timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("BrowserIT: could not shut kernels down through the API: " + e);
        }
        server.destroy();
        if (!server.waitFor(15, TimeUnit.SECONDS)) {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }
}
