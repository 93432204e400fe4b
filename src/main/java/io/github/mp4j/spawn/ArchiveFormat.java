package io.github.mp4j.spawn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The two forms of the class data that children start from ({@link ClassDataArchive}): how a child
 * uses one and how a training run builds one.
 *
 * <ul>
 * <li>{@link #APP_CDS}, Java 17 to 24: a dynamic AppCDS archive ({@code -XX:ArchiveClassesAtExit}),
 *     the classes the training run loaded, parsed and verified.
 * <li>{@link #AOT_CACHE}, Java 25 and later: an ahead-of-time cache (JEP 483, 514, 515), which also
 *     holds those classes linked, the lambda forms and call sites they resolved, and the method
 *     profiles of the training run, so a child's JIT compiles the hot code at once instead of after
 *     counting. It is built in two steps, both JVMs started by the parent: a run recorded with
 *     {@code -XX:AOTMode=record}, then {@code -XX:AOTMode=create}, which runs no code of ours. (The
 *     one-step {@code -XX:AOTCacheOutput} would start the second JVM from the first, out of reach of
 *     the parent that must be able to end it.)
 * </ul>
 *
 * <p>Both formats begin with the JVM's archive header, whose first four bytes (in the machine's
 * byte order) are a magic number: a file without it is not an archive of this format.
 */
enum ArchiveFormat {

    APP_CDS("jsa", 0xf00baba8) {
        @Override
        List<String> useOptions(Path archive) {
            return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off");
        }

        @Override
        List<List<String>> trainingSteps(List<String> baseCommand, String classPath, Path output, Path scratch) {
            return List.of(trainingRun(baseCommand, classPath,
                    List.of("-XX:ArchiveClassesAtExit=" + output, "-Xlog:cds=off", "-Xlog:cds+dynamic=off")));
        }
    },

    AOT_CACHE("aot", 0xf00baba2) {
        @Override
        List<String> useOptions(Path archive) {
            // A cache this JVM cannot use (pruned meanwhile, replaced, another build's) costs the
            // child its speed only: AOTMode stays "auto", and the logs that would report it in the
            // child's output are off.
            return List.of("-XX:AOTCache=" + archive, "-Xlog:aot=off", "-Xlog:cds=off");
        }

        @Override
        List<List<String>> trainingSteps(List<String> baseCommand, String classPath, Path output, Path scratch) {
            List<String> quiet = List.of("-Xlog:aot=off", "-Xlog:cds=off");
            List<String> record = new ArrayList<>(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + scratch));
            record.addAll(quiet);
            List<String> create = new ArrayList<>(baseCommand);
            create.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + scratch, "-XX:AOTCache=" + output));
            create.addAll(quiet);
            create.addAll(List.of("-cp", classPath));
            return List.of(trainingRun(baseCommand, classPath, record), create);
        }
    };

    /** The first feature release whose AOT cache children use. */
    static final int AOT_RELEASE = 25;

    private final String extension;
    private final int magic;

    ArchiveFormat(String extension, int magic) {
        this.extension = extension;
        this.magic = magic;
    }

    /** The file name extension of an archive of this format, without the dot. */
    String extension() {
        return extension;
    }

    /**
     * The options, besides where to map it, that make a child use {@code archive}. The JVM reports
     * an archive it cannot use on the child's output unless its logs are off, so they are.
     */
    abstract List<String> useOptions(Path archive);

    /**
     * The commands that build an archive at {@code output}, run one after the other; {@code scratch}
     * is a file a step may leave for the next (deleted afterwards).
     */
    abstract List<List<String>> trainingSteps(List<String> baseCommand, String classPath, Path output, Path scratch);

    /** A child JVM started with {@code extra} that exercises a child's paths ({@link ClassDataArchive#exerciseChildPaths}). */
    private static List<String> trainingRun(List<String> baseCommand, String classPath, List<String> extra) {
        List<String> command = new ArrayList<>(baseCommand);
        command.addAll(extra);
        command.addAll(List.of("-cp", classPath, ChildMain.class.getName(), ClassDataArchive.TRAIN));
        return command;
    }

    /** Whether {@code file} starts with this format's magic number. */
    boolean looksValid(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && ByteBuffer.wrap(head).order(ByteOrder.nativeOrder()).getInt() == magic;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The format for children started by {@code java}: the AOT cache when that is this JVM's own
     * launcher and this JVM is Java {@value #AOT_RELEASE} or later (unless {@code -Dmp4j.aot=false}),
     * else the AppCDS archive. Another launcher ({@code mp4j.worker.java}) gets the AppCDS archive,
     * which every release since 17 reads.
     */
    static ArchiveFormat forChildren(String java) {
        boolean ownJava = Path.of(java).equals(Path.of(System.getProperty("java.home"), "bin", "java"));
        return ownJava && Runtime.version().feature() >= AOT_RELEASE && !"false".equals(System.getProperty("mp4j.aot"))
                ? AOT_CACHE : APP_CDS;
    }
}
