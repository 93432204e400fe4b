package io.github.mp4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** A listener with one accepted connection and its client, over TCP or a UNIX socket; for tests. */
final class SocketPair implements AutoCloseable {

    static final byte[] KEY = "test-authkey".getBytes(StandardCharsets.UTF_8);
    static final Duration WAIT = Duration.ofSeconds(30);

    final Listener listener;
    final Connection server;
    final Connection client;

    private SocketPair(Listener listener, Connection server, Connection client) {
        this.listener = listener;
        this.server = server;
        this.client = client;
    }

    /** {@code family} is "tcp" or "unix"; a UNIX socket file goes in {@code dir}. */
    static SocketPair open(String family, Path dir) throws Exception {
        Listener listener = listener(family, dir);
        CompletableFuture<Connection> client = async(() -> Client.connect(listener.address(), KEY));
        Connection server = listener.accept();
        return new SocketPair(listener, server, within(client));
    }

    static Listener listener(String family, Path dir) throws IOException {
        return family.equals("tcp") ? new Listener(KEY) : new Listener(dir.resolve("l.sock").toString(), KEY);
    }

    /**
     * Connects a client with the right key and checks that {@code accepted}, an accept under way, gets
     * it: a message goes through each way.
     */
    static void assertServes(Listener listener, CompletableFuture<Connection> accepted) throws Exception {
        CompletableFuture<Connection> client = async(() -> Client.connect(listener.address(), KEY));
        try (Connection server = within(accepted); Connection c = within(client)) {
            c.send("request");
            org.junit.jupiter.api.Assertions.assertEquals("request", server.recv());
            server.send("reply");
            org.junit.jupiter.api.Assertions.assertEquals("reply", c.recv());
        }
    }

    /** Runs {@code work} on its own daemon thread. */
    static <T> CompletableFuture<T> async(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "test-peer");
        t.setDaemon(true);
        t.start();
        return result;
    }

    /** The future's value, waiting at most {@link #WAIT}; its failure rethrown as is. */
    static <T> T within(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The failure of {@code future}, waiting at most {@link #WAIT}; fails if it succeeded. */
    static Throwable failureOf(CompletableFuture<?> future) throws Exception {
        try {
            Object value = future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a failure, got " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
        server.close();
        String address = listener.address();
        listener.close();
        if (address.startsWith("/") && Files.exists(Path.of(address))) {
            throw new AssertionError("the listener left its socket file behind: " + address);
        }
    }

}
