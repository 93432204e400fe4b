package io.github.mp4j.kernel.magics;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code %classpath} and its alias {@code %jars}: add jars or class folders to the session.
 * Arguments are separated by blanks or the path separator; an entry ending in {@code *} stands for
 * every jar in that folder (as {@code java -cp dir/*} does). Relative paths are resolved against
 * the kernel's working directory (the notebook's folder).
 */
public final class ClasspathMagics {

    private ClasspathMagics() {}

    /**
     * Registers both magics; {@code addToClasspath} receives each existing entry.
     * Both return the list of added paths; a missing path fails the magic before anything is added.
     */
    public static void register(MagicRegistry registry, Consumer<String> addToClasspath) {
        LineMagic add = args -> {
            List<String> entries = expand(args);
            entries.forEach(addToClasspath);
            return entries;
        };
        registry.line("classpath", add);
        registry.line("jars", add);
    }

    /** The absolute paths that {@code args} names. */
    static List<String> expand(String args) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String arg : args.split("[\\s" + File.pathSeparator + "]+")) {
            if (arg.isEmpty()) {
                continue;
            }
            if (arg.endsWith("*")) {
                Path dir = Path.of(arg.substring(0, arg.length() - 1).isEmpty() ? "." : arg.substring(0, arg.length() - 1));
                try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.{jar,JAR}")) {
                    jars.forEach(j -> entries.add(j.toAbsolutePath().normalize().toString()));
                }
                continue;
            }
            Path p = Path.of(arg).toAbsolutePath().normalize();
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("no such file or folder: " + p);
            }
            entries.add(p.toString());
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("usage: %classpath path/to/lib.jar [more.jar folder/* ...]");
        }
        return entries;
    }
}
