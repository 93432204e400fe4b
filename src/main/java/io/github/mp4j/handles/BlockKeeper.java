package io.github.mp4j.handles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A separate process that unlinks a set of {@link NamedBlock}s when the JVM that registered them
 * closes it, exits or dies, even by SIGKILL: the lifetime half of Python's
 * {@code SharedMemoryManager}, whose server process does the same.
 *
 * <p>Implementation: the keeper is a POSIX shell ({@code /bin/sh}), not a JVM, because all it does
 * is wait and delete files: it starts in a few milliseconds and about a megabyte, where a JVM would
 * cost a few hundred milliseconds and tens of megabytes. This JVM holds the only write end of the
 * shell's stdin (Java's process launcher closes every other descriptor in its children) and writes
 * one name per line before it creates that block, so a block exists only once its keeper knows it.
 * When the write end closes, by {@link #close()} or because the kernel closed this JVM's descriptors
 * at its death, the shell reads end-of-file and removes every name it was given. It ignores SIGINT,
 * SIGHUP and SIGTERM, which a terminal or supervisor sends to the whole process group, so it
 * outlives the JVM long enough to clean up; SIGKILL of the group kills it too (so does Python's).
 * Names are checked here against {@code [A-Za-z0-9_.-]+}, so the shell never quotes.
 */
public final class BlockKeeper implements AutoCloseable {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Duration EXIT_BOUND = Duration.ofSeconds(10);
    private static final String SCRIPT = String.join("\n",
            "trap '' INT HUP TERM",
            "cd -- \"$1\" || exit 1",
            "set -f",
            "names=",
            "while IFS= read -r name; do names=\"$names $name\"; done",
            "for name in $names; do rm -f -- \"$name\"; done",
            "");

    private final java.lang.Process shell;
    private final OutputStream names;
    /** What was registered, for the fallback in {@link #close()}; guarded by this. */
    private final List<String> registered = new ArrayList<>();
    /** Guarded by this. */
    private boolean closed;

    private BlockKeeper(java.lang.Process shell) {
        this.shell = shell;
        this.names = shell.getOutputStream();
    }

    /**
     * Starts a keeper for blocks of the folder {@link NamedBlock#file} uses.
     *
     * @throws IOException if the shell cannot be started
     */
    public static BlockKeeper start() throws IOException {
        String dir = NamedBlock.file("x").getParent().toString();
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", SCRIPT, "mp4j-block-keeper", dir)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD); // no pipe of this JVM's outlives it
        return new BlockKeeper(builder.start());
    }

    /** The keeper's process id. */
    public long pid() {
        return shell.pid();
    }

    /**
     * Tells the keeper to unlink {@code name} when it ends; call it before creating the block.
     *
     * @throws IllegalArgumentException for a name outside {@code [A-Za-z0-9_.-]}
     * @throws IllegalStateException "the block keeper is closed" after {@link #close()}
     * @throws IOException if the keeper has died
     */
    public synchronized void register(String name) throws IOException {
        if (!SAFE.matcher(name).matches()) {
            throw new IllegalArgumentException("a kept block's name must match " + SAFE + ": " + name);
        }
        if (closed) {
            throw new IllegalStateException("the block keeper is closed");
        }
        if (!shell.isAlive()) {
            throw new IOException("the block keeper (pid " + shell.pid() + ") has died with exit code " + shell.exitValue());
        }
        registered.add(name);
        names.write((name + "\n").getBytes(StandardCharsets.US_ASCII));
        names.flush();
    }

    /**
     * Ends the keeper, which unlinks every registered block, and waits until it has: when this
     * returns, none of the names exists (if the keeper has died, this JVM unlinks them). Closing
     * twice is harmless. Waits at most 10 s for the keeper, without interruption.
     */
    @Override
    public void close() {
        List<String> names;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            names = List.copyOf(registered);
        }
        try {
            this.names.close();
        } catch (IOException gone) {
            // the keeper has died; the fallback below unlinks
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + EXIT_BOUND.toNanos();
        while (shell.isAlive() && System.nanoTime() < deadline) {
            try {
                shell.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (shell.isAlive()) {
            shell.destroyForcibly();
        } else if (shell.exitValue() == 0) {
            names = List.of(); // the keeper has unlinked them all
        }
        for (String name : names) { // the keeper has died or hangs: unlink here
            try {
                NamedBlock.unlink(name);
            } catch (NoSuchFileException done) {
                // its user unlinked it
            } catch (IOException e) {
                System.err.println("mp4j: cannot unlink shared memory " + name + ": " + e);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
