package io.github.mp4j.cluster;

import io.github.mp4j.handles.OwnedTempDirectory;
import io.github.mp4j.spawn.OutputPump;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Server nodes running as child JVMs of this one, on loopback: what {@code Cluster.startLocal}
 * starts. Each node's standard input is a pipe from this JVM that is never written: when this JVM
 * ends, however it ends, the pipe closes and the node stops ({@code --until-stdin-closes}). What a
 * node prints (a task's {@code System.out}) is copied line by line to this JVM's current
 * {@code System.out}/{@code System.err}, as a local pool's workers' output is.
 *
 * <p>With TLS, the nodes share a throwaway {@link TlsFolder} made for them in a private temporary
 * folder ({@code mp4j-tls-<pid>-...}, rwx------), deleted by {@link #stop()}, or, if this JVM is
 * killed, by the next mp4j JVM that makes one.
 */
public final class LocalNodes {

    private static final long START_TIMEOUT_MS = 120_000;
    private static final long STOP_TIMEOUT_MS = 10_000;
    /** Throwaway keys end with their cluster; a validity of years never cuts a long-lived notebook off. */
    private static final int THROWAWAY_KEY_DAYS = 3650;

    private final List<java.lang.Process> nodes = new ArrayList<>();

    private final List<String> discovery;
    private final int firstPort;
    private final Path tls;

    private LocalNodes(int firstPort, int portRange, Path tls) {
        this.firstPort = firstPort;
        this.tls = tls;
        this.discovery = List.of("127.0.0.1:" + firstPort + ".." + (firstPort + portRange - 1));
    }

    /**
     * Starts {@code n} server nodes at once and returns when all have joined one cluster of their own,
     * speaking TLS with a throwaway set of keys if {@code tls}, plain TCP if not.
     *
     * @throws IOException when the keys cannot be made or a node cannot start; every node already
     *                     started is stopped and the keys are deleted
     */
    public static LocalNodes start(int n, boolean tls) throws IOException {
        int portRange = Math.max(10, n + 5);
        Path keys = tls ? OwnedTempDirectory.create("tls") : null;
        LocalNodes local = new LocalNodes(Addresses.freeRange(portRange), portRange, keys);
        List<String> args = new ArrayList<>(List.of("--discovery", String.join(",", local.discovery),
                "--bind", "127.0.0.1", "--port", String.valueOf(local.firstPort),
                "--port-range", String.valueOf(portRange), "--until-stdin-closes"));
        List<CompletableFuture<String>> ready = new ArrayList<>();
        try {
            if (keys != null) {
                TlsFolder.create(keys, THROWAWAY_KEY_DAYS);
                args.addAll(List.of("--tls", keys.toString()));
            }
            for (int i = 0; i < n; i++) {
                java.lang.Process node = new ProcessBuilder(NodeMain.command(args)).start();
                local.nodes.add(node);
                ready.add(CompletableFuture.supplyAsync(() -> awaitReady(node)));
            }
            for (CompletableFuture<String> r : ready) {
                r.get(START_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            local.stop();
            throw new IOException("interrupted while cluster nodes started", e);
        } catch (IOException e) {
            local.stop();
            throw e;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            local.stop();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IOException("a cluster node did not start: " + cause.getMessage(), cause);
        }
        return local;
    }

    /** Reads the node's stdout up to its ready line, then copies the rest to this JVM's output. */
    private static String awaitReady(java.lang.Process node) {
        InputStream out = node.getInputStream();
        new OutputPump(node.getErrorStream(), () -> System.err, "mp4j-node-stderr-" + node.pid()).start();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b; (b = out.read()) >= 0; ) {
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (text.startsWith(NodeMain.READY)) {
                    new OutputPump(out, () -> System.out, "mp4j-node-stdout-" + node.pid()).start();
                    return text;
                }
                System.out.println(text);
            }
        } catch (IOException e) {
            throw new IllegalStateException("node " + node.pid() + " closed its output", e);
        }
        throw new IllegalStateException("node " + node.pid() + " exited with code " + exitCode(node)
                + " before joining (its error output is above)");
    }

    private static Object exitCode(java.lang.Process node) {
        try {
            return node.waitFor(5, TimeUnit.SECONDS) ? node.exitValue() : "(still running)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(unknown)";
        }
    }

    /** Where the started nodes' discovery ports are: the list a client joins with. */
    public List<String> discovery() {
        return discovery;
    }

    /** The folder of the nodes' keys, or null when they speak plain TCP. */
    public Path tls() {
        return tls;
    }

    /** The nodes' process ids, in start order. */
    public List<Long> pids() {
        return nodes.stream().map(java.lang.Process::pid).toList();
    }

    /** Ends node {@code pid} at once (SIGKILL), as a crashed machine would: for tests and demos. */
    public boolean kill(long pid) {
        for (java.lang.Process node : nodes) {
            if (node.pid() == pid) {
                node.destroyForcibly();
                return true;
            }
        }
        return false;
    }

    /**
     * Stops every node (closing its stdin, then SIGTERM, then SIGKILL), waits until all have ended,
     * and deletes their keys.
     */
    public void stop() {
        for (java.lang.Process node : nodes) {
            closeQuietly(node.getOutputStream());
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_TIMEOUT_MS);
        for (java.lang.Process node : nodes) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!node.waitFor(left, TimeUnit.NANOSECONDS)) {
                    node.destroy();
                    if (!node.waitFor(2, TimeUnit.SECONDS)) {
                        node.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
                    }
                }
            } catch (InterruptedException e) {
                node.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (tls != null) {
            OwnedTempDirectory.deleteQuietly(tls);
        }
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // the node has gone already
        }
    }
}
