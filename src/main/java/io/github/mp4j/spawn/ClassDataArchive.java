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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A class-data sharing archive of the classes every child loads, built once per Java installation
 * and class path, so later children map those classes instead of parsing and verifying them.
 *
 * <p>The first child of a JVM for which no archive exists triggers a background "training" child
 * ({@link #exerciseChildPaths}) run with {@code -XX:ArchiveClassesAtExit}; it writes to a temporary
 * name that is renamed into place when complete, so concurrent JVMs never see half an archive.
 * Children started before it is ready simply start without it. The JVM archives classes from jars
 * only, so a class path with directories (a build's {@code target/classes}) gets no archive. The archive lives in
 * {@code ~/.cache/mp4j/cds} (system property {@code mp4j.cacheDir} moves it;
 * {@code -Dmp4j.cds=false} turns the mechanism off).
 *
 * <p>Every rebuilt jar makes a new archive (some 2.5 MB), so the folder is pruned whenever one is
 * built: archives unused for {@value #STALE_DAYS} days go, and only the {@value #KEEP} most
 * recently used stay (a JVM marks its archive used when it first passes it to a child); a training
 * file left by a trainer whose parent ended first (which ends the trainer too, as every child) goes
 * after {@value #STALE_TRAINING_MINUTES} minutes. A pruned archive that is needed again is simply
 * built again.
 */
public final class ClassDataArchive {

    private static final boolean ENABLED = !"false".equals(System.getProperty("mp4j.cds"));
    private static final AtomicBoolean TRAINING = new AtomicBoolean();
    private static final AtomicBoolean MARKED_USED = new AtomicBoolean();
    /** This JVM's training thread, once started. */
    private static volatile Thread trainer;
    /** The training JVM while it runs, so that it ends with this JVM like every child. */
    private static volatile java.lang.Process training;
    static final int KEEP = 8;
    static final int STALE_DAYS = 14;
    static final int STALE_TRAINING_MINUTES = 10;
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
        Path archive = archivePath(baseCommand, classPath);
        if (Files.isRegularFile(archive)) {
            if (MARKED_USED.compareAndSet(false, true)) {
                markUsed(archive);
            }
            // Unknown options are ignored, not fatal. An archive pruned by another JVM meanwhile
            // only costs the child its speed: without -Xlog:cds=off, Java 25 would print an error
            // into the child's output.
            return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-XX:+UnlockDiagnosticVMOptions",
                    "-XX:+IgnoreUnrecognizedVMOptions", "-XX:ArchiveRelocationMode=" + (crowded ? 1 : 0));
        }
        if (TRAINING.compareAndSet(false, true)) {
            Thread t = new Thread(() -> train(baseCommand, classPath, archive), "mp4j-cds-training");
            t.setDaemon(true);
            trainer = t;
            t.start();
        }
        return List.of();
    }

    /**
     * Waits, at most {@code bound}, until the archive this JVM's first child started training is
     * written; returns at once when no training started. For a benchmark that must not time
     * children while the archive is being built.
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

    private static void train(List<String> baseCommand, String classPath, Path archive) {
        try {
            Files.createDirectories(archive.getParent());
            prune(archive.getParent(), System.currentTimeMillis());
            Path partial = Files.createTempFile(archive.getParent(), "training-", ".jsa");
            List<String> command = new ArrayList<>(baseCommand);
            command.addAll(List.of("-XX:ArchiveClassesAtExit=" + partial, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                    "-cp", classPath, ChildMain.class.getName(), TRAIN));
            java.lang.Process trainer = new ProcessBuilder(command)
                    .redirectOutput(java.lang.ProcessBuilder.Redirect.DISCARD)
                    .redirectError(java.lang.ProcessBuilder.Redirect.DISCARD)
                    .start();
            training = trainer;
            try {
                boolean done = trainer.waitFor(60, TimeUnit.SECONDS);
                if (done && trainer.exitValue() == 0 && Files.size(partial) > 0) {
                    Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    trainer.destroyForcibly();
                }
            } finally {
                training = null;
                Files.deleteIfExists(partial);
            }
        } catch (IOException | InterruptedException e) {
            // no archive: children start a little slower, nothing else changes
        }
    }

    /**
     * Kills the training JVM if it still runs: this JVM is ending, and no child outlives it. What
     * it was writing is left to pruning.
     */
    static void stopTraining() {
        java.lang.Process t = training;
        if (t != null) {
            t.destroyForcibly();
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
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.jsa")) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                long age = nowMillis - Files.getLastModifiedTime(entry).toMillis();
                if (name.startsWith("training-")) {
                    if (age > TimeUnit.MINUTES.toMillis(STALE_TRAINING_MINUTES)) {
                        Files.deleteIfExists(entry);
                    }
                } else if (name.startsWith("children-")) {
                    if (age > TimeUnit.DAYS.toMillis(STALE_DAYS)) {
                        Files.deleteIfExists(entry);
                    } else {
                        archives.add(entry);
                    }
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

    /** The JVM rejects an archive whose jars changed since it was built, so their stamps are part of its name. */
    static Path archivePath(List<String> baseCommand, String classPath) {
        StringBuilder stamps = new StringBuilder();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            java.io.File jar = new java.io.File(entry);
            stamps.append(jar.lastModified()).append(':').append(jar.length()).append(' ');
        }
        String identity = String.join("\n", System.getProperty("java.home"),
                System.getProperty("java.vm.version"), String.join(" ", baseCommand), classPath, stamps);
        Path dir = Path.of(System.getProperty("mp4j.cacheDir",
                Path.of(System.getProperty("user.home"), ".cache", "mp4j").toString()), "cds");
        return dir.resolve("children-" + sha256(identity).substring(0, 24) + ".jsa");
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
     * are rebuilt, a Process's among them; the control framing is read and written; and a manager
     * serves a client.
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
