package io.github.mp4j.kernel.magics;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code %load file.jsh}: runs a file as if its text were typed into the cell (magics included)
 * and returns what its last expression evaluates to. Relative paths are resolved against the
 * kernel's working directory.
 */
public final class LoadMagic {

    /** Runs cell text and returns its value; the kernel's cell runner. */
    @FunctionalInterface
    public interface Runner {
        Object run(String cellText) throws Exception;
    }

    private LoadMagic() {}

    /** Registers {@code %load}, which hands the file's text to {@code runner}. */
    public static void register(MagicRegistry registry, Runner runner) {
        registry.line("load", args -> {
            if (args.isBlank()) {
                throw new IllegalArgumentException("usage: %load path/to/file.jsh");
            }
            Path file = Path.of(args.strip()).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no such file: " + file);
            }
            return runner.run(Files.readString(file));
        });
    }
}
