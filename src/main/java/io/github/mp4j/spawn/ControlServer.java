package io.github.mp4j.spawn;

import io.github.mp4j.wire.Handshake;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The loopback listener that this JVM's children connect back to. Started on first use; one
 * daemon thread accepts, and each connection is authenticated (HMAC-SHA256, with a key that only
 * reaches children through their standard input) and matched to the child that announced its id,
 * in a short-lived thread of its own so that a stray client cannot hold up the others.
 */
final class ControlServer {

    private static final int HANDSHAKE_TIMEOUT_MS = 30_000;
    private static ControlServer instance;

    private final ServerSocket server;
    private final byte[] key = Handshake.newKey();
    private final AtomicInteger nextId = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Control>> pending = new ConcurrentHashMap<>();

    private ControlServer() throws IOException {
        server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "mp4j-control-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static synchronized ControlServer get() throws IOException {
        if (instance == null) {
            instance = new ControlServer();
        }
        return instance;
    }

    /** What a child needs to call back: it reads this as one line on its standard input. */
    record Invitation(int port, byte[] key, int childId) {
        String line() {
            return port + " " + HexFormat.of().formatHex(key) + " " + childId + "\n";
        }

        static Invitation parse(String line) {
            String[] parts = line.trim().split(" ");
            return new Invitation(Integer.parseInt(parts[0]), HexFormat.of().parseHex(parts[1]),
                    Integer.parseInt(parts[2]));
        }
    }

    /** A child about to start: what to tell it, and the channel it will open. */
    record Expected(Invitation invitation, CompletableFuture<Control> channel) {}

    Expected expect() {
        int id = nextId.incrementAndGet();
        CompletableFuture<Control> future = new CompletableFuture<>();
        pending.put(id, future);
        return new Expected(new Invitation(server.getLocalPort(), key, id), future);
    }

    void forget(int childId) {
        pending.remove(childId);
    }

    private void acceptLoop() {
        while (true) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return;
            }
            Thread t = new Thread(() -> admit(socket), "mp4j-control-admit");
            t.setDaemon(true);
            t.start();
        }
    }

    private void admit(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
            var in = new BufferedInputStream(socket.getInputStream());
            var out = new BufferedOutputStream(socket.getOutputStream());
            Handshake.accept(in, out, key);
            Control control = new Control(socket, in, out);
            Control.Message hello = control.read();
            if (hello == null || hello.kind() != Control.HELLO || hello.body().length != 12) {
                throw new IOException("expected HELLO");
            }
            ByteBuffer body = hello.buffer();
            CompletableFuture<Control> future = pending.remove(body.getInt());
            if (future == null) {
                throw new IOException("unknown child");
            }
            socket.setSoTimeout(0);
            future.complete(control);
        } catch (IOException | RuntimeException e) {
            // a stray or hostile client: drop it; the child it claimed to be times out on its own
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
