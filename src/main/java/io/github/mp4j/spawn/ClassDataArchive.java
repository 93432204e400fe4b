package io.github.mp4j.spawn;

import io.github.mp4j.handles.OwnedTempDirectory;
import io.github.mp4j.shipping.Shipment;
import io.github.mp4j.shipping.ShippedClassLoader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The class data every child starts from, built once per Java installation and class path, so later
 * children map the classes a child loads instead of parsing and verifying them: on Java 25 and later
 * an AOT cache, which also holds them linked and the training run's method profiles; before, an
 * AppCDS archive ({@link ArchiveFormat}).
 *
 * <p>The first child of a JVM for which no archive exists triggers a background "training" child
 * ({@link #exerciseChildPaths}) that builds it; it writes to a temporary name that is renamed into
 * place when complete, so concurrent JVMs never see half an archive. Children started before it is
 * ready simply start without it: training never delays a start. The JVM archives classes from jars
 * only, so a class path with directories (a build's {@code target/classes}) gets no archive. The
 * archive lives in {@code ~/.cache/mp4j/cds} (system property {@code mp4j.cacheDir} moves it;
 * {@code -Dmp4j.cds=false} turns the mechanism off, {@code -Dmp4j.aot=false} makes Java 25 use
 * the AppCDS archive instead of the AOT cache).
 *
 * <p>An archive's name carries its size, and a JVM checks the size and the format's magic number
 * before it gives the archive to a child: a truncated or overwritten archive is deleted and built
 * again, never passed on. Whatever the JVM still refuses (an archive pruned by another JVM between
 * the check and the child's start, say) only costs that child its speed, silently: the options that
 * name the archive turn off the logs that would report it in the child's output.
 *
 * <p>Every rebuilt jar makes a new archive (2.5 to 30 MB), so the folder is pruned whenever one is
 * built: archives unused for {@value #STALE_DAYS} days go, and only the {@value #KEEP} most
 * recently used stay (a JVM marks its archive used when it first passes it to a child); a training
 * file left behind goes after {@value #STALE_TRAINING_MINUTES} minutes. A pruned archive that is
 * needed again is simply built again. No training JVM outlives the JVM that started it: this JVM's
 * exit ends it ({@link #stopTraining}), and where {@code setpriv} exists (util-linux) it is started
 * with a parent-death signal, so even a {@code kill -9} of this JVM ends it.
 */
public final class ClassDataArchive {

    private static final boolean ENABLED = !"false".equals(System.getProperty("mp4j.cds"));
    /** Archives this JVM found valid, by name: checked again (by size) on each use. */
    private static final Set<Path> KNOWN_VALID = ConcurrentHashMap.newKeySet();
    private static final Set<Path> MARKED_USED = ConcurrentHashMap.newKeySet();
    /**
     * Names of archives whose training this JVM started and that are not known built: one training
     * at a time, and none again after one failed (a JVM that cannot build it would fail again).
     */
    private static final Set<String> TRAINING = ConcurrentHashMap.newKeySet();
    /** How many trainings this JVM may still start: a bound, should archives keep going bad. */
    private static final AtomicInteger TRAININGS_LEFT = new AtomicInteger(4);
    /** This JVM's latest training thread, once started. */
    private static volatile Thread trainer;
    /** The training JVMs while they run, so that they end with this JVM like every child. */
    private static final Set<java.lang.Process> TRAINERS = ConcurrentHashMap.newKeySet();
    /** A launcher prefix that gives the training JVM a parent-death signal, or nothing without setpriv. */
    private static final List<String> DIES_WITH_PARENT = Files.isExecutable(Path.of("/usr/bin/setpriv"))
            ? List.of("/usr/bin/setpriv", "--pdeathsig", "KILL") : List.of();
    static final int KEEP = 8;
    static final int STALE_DAYS = 14;
    static final int STALE_TRAINING_MINUTES = 10;
    private static final long STEP_TIMEOUT_SECONDS = 120;
    /** The argument that makes {@link ChildMain} a training JVM: see {@link #exerciseChildPaths()}. */
    static final String TRAIN = "--train-class-data";

    private ClassDataArchive() {}

    /**
     * JVM options that use the archive, or none while it does not exist yet.
     *
     * <p>Where the archive is mapped depends on {@code crowded}, whether other children boot at the
     * same time. A JVM alone maps it at its own address, which spares relocating it: a lone spawn
     * took 137–142 ms instead of 157–159 ms on two CPUs (Java 17's updates made relocation the
     * default). But an archive mapped in place is written page by page while the JVM runs, each
     * first write copying a page the JVM had only read and flushing it from the other CPUs' TLBs,
     * and among JVMs that boot together that cost more than relocating, which writes every page
     * once, early: 100 processes started at once took 12.0–14.3 s relocated against 13.6–16.0 s in
     * place, in seven alternated pairs on two CPUs, each in relocation's favour (2026-11-29).
     */
    static List<String> options(List<String> baseCommand, String classPath, boolean crowded) {
        if (!ENABLED || !onlyJars(classPath)) {
            return List.of();
        }
        ArchiveFormat format = ArchiveFormat.forChildren(baseCommand.get(0));
        Path stem = stem(baseCommand, classPath);
        Path archive = find(stem, format);
        if (archive != null) {
            if (MARKED_USED.add(archive)) {
                markUsed(archive);
            }
            List<String> options = new ArrayList<>(format.useOptions(archive));
            // Unknown options are ignored, not fatal.
            options.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+IgnoreUnrecognizedVMOptions",
                    "-XX:ArchiveRelocationMode=" + (crowded ? 1 : 0)));
            return options;
        }
        String name = stem.getFileName() + "." + format.extension();
        if (TRAINING.add(name)) {
            if (TRAININGS_LEFT.getAndDecrement() <= 0) {
                return List.of(); // keeps its place in TRAINING: no more tries in this JVM
            }
            Thread t = new Thread(() -> {
                if (train(baseCommand, classPath, stem, format)) {
                    TRAINING.remove(name); // should it go bad, it may be built again
                }
            }, "mp4j-cds-training");
            t.setDaemon(true);
            trainer = t;
            t.start();
        }
        return List.of();
    }

    /**
     * Waits, at most {@code bound}, until the archive this JVM's latest training builds is written;
     * returns at once when no training started. For a benchmark that must not time children while
     * the archive is being built.
     */
    public static void awaitTraining(java.time.Duration bound) throws InterruptedException {
        Thread t = trainer;
        if (t != null) {
            t.join(Math.max(1, bound.toMillis()));
        }
    }

    /** The JVM refuses to archive classes loaded from directories. */
    private static boolean onlyJars(String classPath) {
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (Files.isDirectory(Path.of(entry))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The valid archive of {@code format} for {@code stem}, or null. An archive whose size is not
     * the one its name records, or that lacks the format's magic number, is deleted, so that it is
     * built again.
     */
    static Path find(Path stem, ArchiveFormat format) {
        String prefix = stem.getFileName() + "-";
        String suffix = "." + format.extension();
        for (Path known : KNOWN_VALID) {
            String name = known.getFileName().toString();
            if (name.startsWith(prefix) && name.endsWith(suffix)) {
                if (sizeMatchesName(known, prefix, suffix)) {
                    return known;
                }
                KNOWN_VALID.remove(known);
                deleteQuietly(known);
            }
        }
        if (!Files.isDirectory(stem.getParent())) {
            return null;
        }
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(stem.getParent(), prefix + "*" + suffix)) {
            for (Path candidate : candidates) {
                if (sizeMatchesName(candidate, prefix, suffix) && format.looksValid(candidate)) {
                    KNOWN_VALID.add(candidate);
                    return candidate;
                }
                deleteQuietly(candidate);
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            // as if there were none: a training replaces it
        }
        return null;
    }

    private static boolean sizeMatchesName(Path archive, String prefix, String suffix) {
        String name = archive.getFileName().toString();
        try {
            long recorded = Long.parseLong(name.substring(prefix.length(), name.length() - suffix.length()));
            return Files.size(archive) == recorded;
        } catch (NumberFormatException | IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // another JVM's, or already gone: pruning gets it later
        }
    }

    /** Builds the archive; whether it is in place. */
    private static boolean train(List<String> baseCommand, String classPath, Path stem, ArchiveFormat format) {
        Path dir = stem.getParent();
        Path partial = null;
        Path scratch = null;
        try {
            Files.createDirectories(dir);
            prune(dir, System.currentTimeMillis());
            partial = Files.createTempFile(dir, "training-", "." + format.extension());
            scratch = Files.createTempFile(dir, "training-", ".conf");
            // the JVMs write these files themselves, and some refuse to replace one
            Files.delete(partial);
            Files.delete(scratch);
            for (List<String> step : format.trainingSteps(baseCommand, classPath, partial, scratch)) {
                if (!run(step)) {
                    return false;
                }
            }
            if (!Files.isRegularFile(partial) || !format.looksValid(partial)) {
                return false;
            }
            Path archive = dir.resolve(stem.getFileName() + "-" + Files.size(partial) + "." + format.extension());
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            KNOWN_VALID.add(archive);
            return true;
        } catch (IOException | InterruptedException e) {
            return false; // no archive: children start a little slower, nothing else changes
        } finally {
            if (partial != null) {
                deleteQuietly(partial);
            }
            if (scratch != null) {
                deleteQuietly(scratch);
            }
        }
    }

    /** Runs one training step to its end, at most {@value #STEP_TIMEOUT_SECONDS} s; whether it exited 0. */
    private static boolean run(List<String> step) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(DIES_WITH_PARENT);
        command.addAll(step);
        java.lang.Process process;
        synchronized (TRAINERS) { // so that stopTraining sees every training JVM that has started
            if (Children.exiting()) { // set before the exit calls stopTraining
                return false;
            }
            process = new ProcessBuilder(command)
                    .redirectOutput(java.lang.ProcessBuilder.Redirect.DISCARD)
                    .redirectError(java.lang.ProcessBuilder.Redirect.DISCARD)
                    .start();
            TRAINERS.add(process);
        }
        try {
            boolean done = process.waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!done) {
                process.destroyForcibly();
            }
            return done && process.exitValue() == 0;
        } finally {
            TRAINERS.remove(process);
        }
    }

    /**
     * Kills the training JVMs that still run: this JVM is ending, and no child outlives it. What
     * they were writing is left to pruning.
     */
    static void stopTraining() {
        synchronized (TRAINERS) {
            TRAINERS.forEach(java.lang.Process::destroyForcibly);
        }
    }

    private static void markUsed(Path archive) {
        try {
            Files.setLastModifiedTime(archive, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // only pruning looks at it
        }
    }

    /** Deletes what {@link ClassDataArchive}'s doc says goes, judging by modification time. */
    static void prune(Path dir, long nowMillis) {
        List<Path> archives = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "{children,training}-*")) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                long age = nowMillis - Files.getLastModifiedTime(entry).toMillis();
                if (name.startsWith("training-")) {
                    if (age > TimeUnit.MINUTES.toMillis(STALE_TRAINING_MINUTES)) {
                        Files.deleteIfExists(entry);
                    }
                } else if (age > TimeUnit.DAYS.toMillis(STALE_DAYS)) {
                    Files.deleteIfExists(entry);
                } else {
                    archives.add(entry);
                }
            }
            archives.sort(Comparator.comparing(ClassDataArchive::modified).reversed());
            for (Path old : archives.subList(Math.min(KEEP, archives.size()), archives.size())) {
                Files.deleteIfExists(old);
            }
        } catch (IOException | RuntimeException e) {
            // only tidying: a file another JVM deleted or replaced meanwhile
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException gone) {
            return 0;
        }
    }

    /**
     * Where the archives of this Java and class path live, without the size and extension that
     * complete an archive's name: the JVM rejects an archive whose jars changed since it was built,
     * so their stamps are part of it.
     */
    static Path stem(List<String> baseCommand, String classPath) {
        StringBuilder stamps = new StringBuilder();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            java.io.File jar = new java.io.File(entry);
            stamps.append(jar.lastModified()).append(':').append(jar.length()).append(' ');
        }
        String identity = String.join("\n", System.getProperty("java.home"),
                System.getProperty("java.vm.version"), String.join(" ", baseCommand), classPath, stamps);
        Path dir = Path.of(System.getProperty("mp4j.cacheDir",
                Path.of(System.getProperty("user.home"), ".cache", "mp4j").toString()), "cds");
        return dir.resolve("children-" + sha256(identity).substring(0, 24));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /* ---------------- the training JVM ---------------- */

    /**
     * What the training JVM runs in place of a child's task, to load what a typical child loads: a
     * task lambda carrying a pipe end is serialized, reopened, run and answered; tasks made of parts
     * are rebuilt, a Process's among them; the control framing is read and written; a pool worker's
     * task loop answers one item of each form ({@code pool/WorkerRehearsal}); and a manager serves a
     * client.
     */
    static void exerciseChildPaths() throws Exception {
        io.github.mp4j.Pipe pipe = io.github.mp4j.Pipe.open();
        io.github.mp4j.Connection theirs = pipe.conn2();
        ChildTask task = () -> {
            try {
                theirs.send(java.util.List.of("trained", 1, 2.0, java.util.Map.of("k", new int[] {1})));
                return 0;
            } catch (IOException e) {
                return 1;
            }
        };
        TaskMessage.decode(TaskMessage.encode(task)).run();
        String captured = "trained";
        TaskMessage.decode(TaskMessage.encode(new ChildMain.Rehearsal(() -> captured.length()))).run();
        // what the child of a Process does: rebuild its bootstrap from parts (its task lambda as a
        // DirectTask), run it, wait for children
        io.github.mp4j.Task noop = () -> { };
        Object direct = Shipment.CompactLambda.readRunOnce(ByteBuffer.wrap(Shipment.compactLambda(noop).bytes()));
        ((ChildTask) Shipment.InParts.rebuild(io.github.mp4j.Process.class.getName() + "$Bootstrap",
                new Object[] {"trainer", "", false, direct, "MainProcess", ProcessHandle.current().pid()},
                ChildTask.class)).run();
        Children.awaitNonDaemon();
        pipe.conn1().recv();
        var framed = new java.io.ByteArrayOutputStream();
        new Control(InputStream.nullInputStream(), framed, () -> {}).send(Control.EXIT, "x");
        new Control(new java.io.ByteArrayInputStream(framed.toByteArray()), framed, () -> {}).read();
        new ShippedClassLoader(ClassLoader.getSystemClassLoader(), name -> null).getResource("x.class");
        io.github.mp4j.pool.WorkerRehearsal.run();
        exerciseManager();
    }

    /**
     * A manager's server and a client of it in one JVM, each side as {@code Manager.start()}'s
     * child and parent run it. A warm manager start loads its server's classes after the hand-out;
     * without these in the archive it read some 50 of them from the jar, including the shared-type
     * table's enums, which made a warm start slower once that table was added (issue 19).
     */
    private static void exerciseManager() throws IOException {
        Path dir = OwnedTempDirectory.create("train");
        byte[] authkey = "trainer".getBytes(StandardCharsets.UTF_8);
        String address = dir.resolve("s").toString();
        try (io.github.mp4j.Manager server = io.github.mp4j.Manager.serve(address, authkey);
             io.github.mp4j.Manager client = io.github.mp4j.Manager.connect(address, authkey)) {
            io.github.mp4j.DictProxy<String, Integer> dict = client.dict();
            dict.put("k", 1);
            dict.get("k");
            client.list(List.of(1)).add(2);
            client.value(0).set(1);
            // The client above calls its server in this JVM directly; the same socket named another
            // way ("dir/./s") is not recognised as this JVM's, so these calls go through the socket
            // and the server's session loop, as a manager server child's do.
            try (io.github.mp4j.Manager remote = io.github.mp4j.Manager.connect(
                    dir.resolve(".").resolve("s").toString(), authkey)) {
                remote.dict().put("k", 2);
            }
            // the manager's client above reached its server in this JVM without a socket
            try (io.github.mp4j.Listener listener = new io.github.mp4j.Listener(dir.resolve("l").toString(), authkey)) {
                Thread echo = new Thread(() -> {
                    try (io.github.mp4j.Connection accepted = listener.accept()) {
                        accepted.send(accepted.recv());
                    } catch (IOException e) {
                        // the client's recv below fails too, which ends the training
                    }
                }, "mp4j-cds-training-echo");
                echo.start();
                try (io.github.mp4j.Connection connection = io.github.mp4j.Client.connect(listener.address(), authkey)) {
                    connection.send("trained");
                    connection.recv();
                }
                echo.join(TimeUnit.SECONDS.toMillis(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            OwnedTempDirectory.deleteQuietly(dir);
        }
    }
}
