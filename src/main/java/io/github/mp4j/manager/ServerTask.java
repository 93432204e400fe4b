package io.github.mp4j.manager;

import io.github.mp4j.Connection;
import io.github.mp4j.Task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a manager's child JVM runs: binds the server, tells the parent through a one-way pipe
 * ("ready", or why not), serves until shut down, then removes its socket directory. A plain class,
 * not a lambda, so the child's start-up deserializes as little as possible.
 */
public final class ServerTask implements Task {

    private static final long serialVersionUID = 1L;
    /** The first word of the message that tells the parent the server listens. */
    public static final String READY = "ready";

    private final String address;
    private final byte[] authkey;
    private final Connection ready;

    public ServerTask(String address, byte[] authkey, Connection ready) {
        this.address = address;
        this.authkey = authkey;
        this.ready = ready;
    }

    @Override
    public void run() throws Exception {
        RpcServer server;
        try {
            server = new RpcServer(address, authkey);
        } catch (IOException | RuntimeException e) {
            ready.send("cannot start the manager server: " + e);
            throw e;
        }
        ready.send(READY);
        ready.close();
        try {
            server.awaitClosed();
        } finally {
            server.close();
            Path socket = Path.of(address);
            Files.deleteIfExists(socket);
            Files.deleteIfExists(socket.getParent());
        }
    }
}
