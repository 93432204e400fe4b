package io.github.mp4j.spawn;

import io.github.mp4j.wire.Frames;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The private channel between a parent and one child JVM: a loopback socket, authenticated with the
 * parent's key before anything else, carrying framed messages whose first byte is the kind.
 *
 * <pre>
 * child  → parent  HELLO(childId:int, pid:long)   once, right after authentication
 * parent → child   TASK(serialized ChildTask)     once; a warm child waits for it
 * child  → parent  CLASS_REQUEST(binary name)     whenever the child's class path lacks a class
 * parent → child   CLASS_REPLY(found:byte, bytes)
 * child  → parent  OPENED | START_FAILED(text)    the task is deserialized and its handles opened
 * child  → parent  EXIT(status:int)               the status the child is about to exit with
 * </pre>
 *
 * The parent's end closing tells the child its parent is gone; the child then halts at once.
 */
final class Control {

    static final byte HELLO = 1;
    static final byte TASK = 2;
    static final byte CLASS_REQUEST = 3;
    static final byte CLASS_REPLY = 4;
    static final byte OPENED = 5;
    static final byte START_FAILED = 6;
    static final byte EXIT = 7;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Control(Socket socket, InputStream in, OutputStream out) {
        this.socket = socket;
        this.in = in;
        this.out = out;
    }

    /** One message: its kind and body. */
    record Message(byte kind, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        ByteBuffer buffer() {
            return ByteBuffer.wrap(body);
        }
    }

    void send(byte kind, byte[] body) throws IOException {
        byte[] frame = new byte[body.length + 1];
        frame[0] = kind;
        System.arraycopy(body, 0, frame, 1, body.length);
        synchronized (out) {
            Frames.write(out, frame, 0, frame.length);
        }
    }

    void send(byte kind, String text) throws IOException {
        send(kind, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The next message, or null when the peer closed the channel. */
    Message read() throws IOException {
        byte[] frame = Frames.read(in);
        if (frame == null) {
            return null;
        }
        if (frame.length == 0) {
            throw new IOException("empty control message");
        }
        byte[] body = new byte[frame.length - 1];
        System.arraycopy(frame, 1, body, 0, body.length);
        return new Message(frame[0], body);
    }

    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the socket is gone either way
        }
    }
}
