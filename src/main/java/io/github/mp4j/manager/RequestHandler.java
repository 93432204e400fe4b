package io.github.mp4j.manager;

import io.github.mp4j.SerializableCallable;

import java.io.IOException;

/** Turns one request into one reply against the server's {@link Referents}. */
final class RequestHandler {

    private final Referents referents;
    private final Runnable onShutdown;

    RequestHandler(Referents referents, Runnable onShutdown) {
        this.referents = referents;
        this.onShutdown = onShutdown;
    }

    /**
     * Runs a request. Every failure, including a request that cannot be decoded, becomes an error
     * reply: a client that sends nonsense gets an error and disturbs nobody.
     */
    byte[] handle(byte[] frame, Session session) throws IOException {
        try {
            Requests.Request request = Requests.decode(frame);
            Object result = switch (request.op) {
                case Requests.CALL -> referents.call(request.id, request.name, request.args, session);
                case Requests.CREATE -> referents.create(request.name, request.args);
                case Requests.REGISTER -> {
                    referents.register(request.name, (SerializableCallable<?>) request.args[0]);
                    yield null;
                }
                case Requests.SHUTDOWN -> {
                    onShutdown.run();
                    yield null;
                }
                default -> throw new IOException("malformed request");
            };
            return Requests.ok(result);
        } catch (Exception | LinkageError | StackOverflowError e) {
            return Requests.error(e);
        }
    }
}
