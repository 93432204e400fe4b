package io.github.mp4j.manager;

import io.github.mp4j.Task;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a manager's child JVM runs: runs the user's initializer if there is one, binds the server's
 * UNIX socket in the directory its parent made, creates the file {@link #READY} beside it to say it listens, serves until shut down, then removes
 * the directory's files. A plain class, not a lambda, and no pipe: the child's start-up deserializes
 * and opens as little as possible. A server that cannot start fails with a stack trace on stderr and
 * exit code 1, which its parent reports.
 */
public final class ServerTask implements Task {

    private static final long serialVersionUID = 1L;
    /** The name of the file that tells the parent the server listens. */
    public static final String READY = "ready";

    private final String address;
    private final byte[] authkey;
    /** Python's {@code start(initializer)}: runs before the server listens; null for none. */
    private final Task initializer;

    public ServerTask(String address, byte[] authkey, Task initializer) {
        this.address = address;
        this.authkey = authkey;
        this.initializer = initializer;
    }

    @Override
    public void run() throws Exception {
        if (initializer != null) {
            initializer.run();
        }
        Path socket = Path.of(address);
        Path ready = socket.resolveSibling(READY);
        try (RpcServer server = new RpcServer(address, authkey, () -> Files.createFile(ready))) {
            server.awaitClosed();
        } finally {
            Files.deleteIfExists(ready);
            Files.deleteIfExists(socket);
        }
    }
}
