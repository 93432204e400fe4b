package io.github.mp4j.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mp4j.cluster.NodeConfig;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Installs the kernelspec: {@code <kernels-dir>/<name>/kernel.json} made from the template folder,
 * with absolute paths, and the kernel jar copied beside it (so the kernel survives
 * {@code mvn clean}). Installing again replaces the previous installation of the same name.
 *
 * <p>Beside the kernel jar goes {@code mp4j.jar}, mp4j's own classes taken from it, first on the
 * kernel's class path ({@code @CLASSPATH@} in the template). That small jar is the whole class path
 * of the kernel's child JVMs (see {@link KernelEnvironment}), so none reads the kernel jar, whose
 * directory of over 12,000 entries (Ignite, Jupyter's and Maven's libraries) cost every child
 * 15–20 ms of CPU.
 *
 * <pre>{@code
 * java -jar mp4j-kernel.jar install --spec kernel --jar target/mp4j-kernel.jar \
 *      --kernels-dir ~/.local/share/jupyter/kernels [--name mp4j] [--java /usr/bin/java]
 * }</pre>
 */
public final class KernelSpecInstaller {

    /** What to install where. */
    public record Options(Path specTemplate, Path jar, Path kernelsDir, String name, Path java) {}

    private static final String OWN_PACKAGE = "io/github/mp4j/";

    private KernelSpecInstaller() {}

    public static void main(String[] args) throws IOException {
        Path spec = null;
        Path jar = null;
        Path kernels = null;
        String name = "mp4j";
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--spec" -> spec = Path.of(args[i + 1]);
                case "--jar" -> jar = Path.of(args[i + 1]);
                case "--kernels-dir" -> kernels = Path.of(args[i + 1]);
                case "--name" -> name = args[i + 1];
                case "--java" -> java = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (spec == null || jar == null || kernels == null || args.length % 2 != 0) {
            System.err.println("usage: install --spec DIR --jar JAR --kernels-dir DIR [--name NAME] [--java JAVA]");
            System.exit(2);
        }
        Path installed = install(new Options(spec, jar, kernels, name, java));
        System.out.println("installed kernelspec " + name + " in " + installed);
    }

    /**
     * Installs and returns the kernelspec folder.
     *
     * @throws IOException if the template or jar cannot be read or the folder not written
     */
    public static Path install(Options o) throws IOException {
        Path dir = o.kernelsDir().toAbsolutePath().resolve(o.name());
        Files.createDirectories(dir);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(o.specTemplate())) {
            for (Path f : files) {
                String file = f.getFileName().toString();
                if (Files.isRegularFile(f) && !file.equals("kernel.json") && !file.endsWith(".md")) {
                    Files.copy(f, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path jar = dir.resolve("mp4j-kernel.jar");
        Files.copy(o.jar(), jar, StandardCopyOption.REPLACE_EXISTING);
        Path library = dir.resolve("mp4j.jar");
        copyOwnClasses(jar, library);
        String classPath = library + File.pathSeparator + jar;

        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode spec = (ObjectNode) json.readTree(o.specTemplate().resolve("kernel.json").toFile());
        String version = javaVersion(o.java());
        ArrayNode argv = JsonNodeFactory.instance.arrayNode();
        spec.withArray("argv").forEach(a -> {
            switch (a.asText()) {
                case "@JAVA@" -> argv.add(o.java().toAbsolutePath().toString());
                case "@CLASSPATH@" -> argv.add(classPath);
                // Ignite's add-opens list, so that Cluster works in a notebook with no flags typed
                case "@CLUSTER_OPTIONS@" -> NodeConfig.jvmOptions(version.isEmpty() ? 17 : Integer.parseInt(version))
                        .forEach(argv::add);
                default -> argv.add(a.asText());
            }
        });
        spec.set("argv", argv);
        spec.put("display_name", version.isEmpty() ? "Java (mp4j)" : "Java " + version + " (mp4j)");
        json.writeValue(dir.resolve("kernel.json").toFile(), spec);
        return dir;
    }

    /**
     * Writes the entries of {@code jar} under mp4j's package to {@code target}, replacing it, with the
     * permissions of {@code jar}.
     */
    private static void copyOwnClasses(Path jar, Path target) throws IOException {
        Path partial = Files.createTempFile(target.getParent(), "mp4j", ".jar.partial");
        try {
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
                 ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(partial))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    if (e.getName().startsWith(OWN_PACKAGE)) {
                        out.putNextEntry(new ZipEntry(e.getName()));
                        in.transferTo(out);
                        out.closeEntry();
                    }
                }
            }
            // A temporary file is private (0600); the kernelspec may serve several users.
            Files.setPosixFilePermissions(partial, Files.getPosixFilePermissions(jar));
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The feature version of the JDK that {@code java} belongs to, from its {@code release} file. */
    private static String javaVersion(Path java) {
        Path release = java.toAbsolutePath().getParent().getParent().resolve("release");
        try {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring(13).replace("\"", "");
                    return v.split("[.]")[0];
                }
            }
        } catch (IOException e) {
            // no release file (a wrapper script, say): the name simply has no version
        }
        return "";
    }
}
