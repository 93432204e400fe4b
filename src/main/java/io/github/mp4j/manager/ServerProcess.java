package io.github.mp4j.manager;

import io.github.mp4j.Context;
import io.github.mp4j.Process;
import io.github.mp4j.Task;
import io.github.mp4j.handles.OwnedTempDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A manager server in a child JVM, as {@code Manager.start()} makes it: a UNIX socket in a private
 * temporary directory, a random authkey, a daemon {@link Process} (so it ends with this JVM, even
 * when this JVM is killed) that creates a file beside its socket once it listens. The directory is
 * removed by {@link #stop()}, or at this JVM's exit for a manager never stopped; only a JVM killed
 * outright (SIGKILL) leaves it behind, as Python leaves its {@code pymp-*} directories.
 */
public final class ServerProcess {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Process process;
    private final Path directory;
    private final RpcStore store;

    /** Socket directories of servers not stopped yet; removed at this JVM's exit if still there. */
    private static final java.util.Set<Path> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ServerProcess::deleteDirectory),
                "mp4j-manager-cleanup"));
    }

    private ServerProcess(Process process, Path directory, RpcStore store) {
        this.process = process;
        this.directory = directory;
        this.store = store;
    }

    /**
     * Starts the server and waits until it listens.
     *
     * @param context whose start method starts the server's JVM; null: the global one
     * @param initializer run in the server's JVM before it listens; null for none
     * @throws IOException if the child cannot start or does not report ready within 60 seconds
     *         (an initializer that throws ends the child: "the manager's process ended")
     */
    public static ServerProcess start(Context context, Task initializer) throws IOException {
        byte[] authkey = new byte[32];
        RANDOM.nextBytes(authkey);
        Path directory = OwnedTempDirectory.create("manager");
        LIVE.add(directory);
        String address = directory.resolve("s").toString();
        Process process = null;
        try {
            String name = "SyncManager-" + COUNTER.incrementAndGet();
            ServerTask task = new ServerTask(address, authkey, initializer);
            process = context == null ? new Process(name, task) : context.process(name, task);
            process.setDaemon(true);
            process.start();
            awaitReady(process, directory.resolve(ServerTask.READY));
            RpcStore store = new RpcStore(address, authkey);
            store.prepareConnection();
            return new ServerProcess(process, directory, store);
        } catch (IOException | RuntimeException e) {
            if (process != null && process.isAlive()) {
                process.kill();
            }
            deleteDirectory(directory);
            throw e;
        }
    }

    /** Waits (bounded, watching the child) for the file the server creates once it listens. */
    private static void awaitReady(Process process, Path ready) throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!Files.exists(ready)) {
            if (!process.isAlive()) {
                throw new IOException("the manager's process ended (exit code " + process.exitCode()
                        + ") before it listened; its output is above");
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the manager's process did not listen within " + READY_TIMEOUT);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while starting a manager");
            }
        }
    }

    public RpcStore store() {
        return store;
    }

    public Process process() {
        return process;
    }

    /**
     * Stops the server's process, waits for it (bounded; then SIGKILL), and removes the socket
     * directory. Never throws: a server already gone is stopped. With a connection at hand the server is
     * asked to stop, and its JVM exits at once; without one, making a connection to a server never
     * called yet costs more than a SIGTERM, whose exit waits a little for threads blocked in reads.
     */
    public void stop() {
        boolean asked = false;
        if (process.isAlive() && store.connected()) {
            try {
                store.shutdown();
                asked = true;
            } catch (Exception alreadyGone) {
                // the join below decides
            }
        }
        store.disconnect();
        if (process.isAlive()) {
            if (!asked) {
                process.terminate();
            }
            try {
                process.join(EXIT_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (process.isAlive()) {
                process.kill();
            }
        }
        deleteDirectory(directory);
    }

    private static void deleteDirectory(Path directory) {
        LIVE.remove(directory);
        OwnedTempDirectory.deleteQuietly(directory);
    }
}
