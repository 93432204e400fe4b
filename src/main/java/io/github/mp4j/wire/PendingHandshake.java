package io.github.mp4j.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * The accepting side of a {@link Handshake} on one non-blocking socket, advanced by the
 * {@link Gatekeeper}'s thread whenever the socket is ready. Owned by that thread.
 *
 * <p>Frames are read into one buffer of the largest handshake frame, header first and then exactly the
 * payload the header announced, never further: bytes the client sends right after the handshake (its
 * first message) stay in the socket for the connection that follows.
 */
final class PendingHandshake {

    final SocketChannel channel;
    /** The socket's descriptor number, found at accept for a UNIX socket; -1 for TCP (found later). */
    final int unixFd;
    /** {@link System#nanoTime()} at accept. */
    final long acceptedAt;
    private final Handshake handshake;
    private final ByteBuffer in = ByteBuffer.allocate(Frames.HEADER_BYTES + Handshake.MAX_FRAME_BYTES);
    /** The frame being written, or null between frames. */
    private ByteBuffer out;

    PendingHandshake(SocketChannel channel, int unixFd, byte[] authkey, long acceptedAt) {
        this.channel = channel;
        this.unixFd = unixFd;
        this.acceptedAt = acceptedAt;
        this.handshake = Handshake.accepting(authkey);
    }

    /**
     * Reads and writes as far as the socket allows without waiting.
     *
     * @return the {@link SelectionKey} interest to wait for next, or 0 when the handshake succeeded
     * @throws io.github.mp4j.AuthenticationError when the client fails it (the verdict already sent)
     * @throws IOException when the socket fails
     */
    int advance() throws IOException {
        while (!handshake.isDone()) {
            if (handshake.isSending()) {
                if (out == null) {
                    out = ByteBuffer.wrap(handshake.frameToSend());
                }
                channel.write(out);
                if (out.hasRemaining()) {
                    return SelectionKey.OP_WRITE;
                }
                out = null;
                handshake.frameSent();
            } else {
                byte[] payload = readFrame();
                if (payload == null) {
                    return SelectionKey.OP_READ;
                }
                handshake.frameReceived(payload);
            }
        }
        return 0;
    }

    /** Whether the client has proved it holds the key (the rest of the handshake is its check of us). */
    boolean clientHoldsKey() {
        return handshake.peerHoldsKey();
    }

    /** The next whole frame's payload, or null if the socket has not delivered all of it yet. */
    private byte[] readFrame() throws IOException {
        if (in.position() < Frames.HEADER_BYTES) {
            in.limit(Frames.HEADER_BYTES);
            if (!fill()) {
                return null;
            }
            in.limit(Frames.HEADER_BYTES + Handshake.payloadLength(in.array()));
        }
        if (!fill()) {
            return null;
        }
        byte[] payload = Arrays.copyOfRange(in.array(), Frames.HEADER_BYTES, in.position());
        in.clear();
        return payload;
    }

    /** Reads up to the buffer's limit; whether it got there. */
    private boolean fill() throws IOException {
        if (in.hasRemaining() && channel.read(in) < 0) {
            throw Handshake.hungUp(in.position() > 0);
        }
        return !in.hasRemaining();
    }
}
