package io.github.mp4j.kernel.execution;

import java.util.ArrayList;
import java.util.List;

/**
 * The imports every kernel session starts with (JShell's API starts with none), and those mp4j adds
 * to a host kernel's session when it is loaded there.
 *
 * <p>mp4j's API is imported on demand, and the mp4j classes in {@link #BY_NAME} are imported by
 * name as well, so that they win over an on-demand import of the same simple name
 * ({@code java.lang.Process}, {@code java.util.Queue}, {@code java.util.concurrent.Semaphore}).
 * Names that the library does not (yet) have are skipped, so the list may run ahead of it: to
 * import a new class by name, add it here.
 */
public final class StartupImports {

    /** Packages imported on demand, in this order. */
    static final List<String> PACKAGES = List.of(
            "java.io", "java.math", "java.net", "java.nio.file", "java.time", "java.util",
            "java.util.concurrent", "java.util.concurrent.atomic", "java.util.function",
            "java.util.regex", "java.util.stream", "io.github.mp4j");

    /** mp4j classes imported by name when present, because their simple names clash. */
    static final List<String> BY_NAME = List.of(
            "Process", "Queue", "Semaphore", "Lock", "RLock", "Event", "Condition", "Barrier",
            "Pool", "Manager", "Pipe", "Connection", "Value", "Array", "AsyncResult");

    /** Static imports: the notebook runtime API. */
    static final List<String> STATIC = List.of("io.github.mp4j.kernel.runtime.Display");

    private StartupImports() {}

    /** The import snippets to evaluate, one per element, for classes visible to {@code loader}. */
    public static List<String> snippets(ClassLoader loader) {
        List<String> imports = classImports(loader);
        for (String type : STATIC) {
            imports.add("import static " + type + ".*;");
        }
        return imports;
    }

    /**
     * The imports of {@link #snippets} without the static import of mp4j's notebook runtime API:
     * what a host kernel with a {@code display} of its own (JJava, IJava) gets, so that its
     * {@code display(..)} calls do not become ambiguous.
     */
    public static List<String> classImports(ClassLoader loader) {
        List<String> imports = new ArrayList<>();
        for (String p : PACKAGES) {
            imports.add("import " + p + ".*;");
        }
        for (String simpleName : BY_NAME) {
            String name = "io.github.mp4j." + simpleName;
            if (exists(name, loader)) {
                imports.add("import " + name + ";");
            }
        }
        return imports;
    }

    private static boolean exists(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
