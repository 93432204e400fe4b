package io.github.mp4j.spawn;

import io.github.mp4j.wire.Frames;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The private channel between a parent and one child JVM, carrying framed messages whose first byte
 * is the kind. Downwards it is the child's standard input; upwards (see {@link Upward}) a FIFO that
 * the parent creates and the child reopens through {@code /proc/<parent>/fd/<n>}, or in portable mode
 * a UNIX-domain socket in the parent's private folder that the child connects to.
 *
 * <p>Nothing here is a network connection: only the two processes (and processes of the same user,
 * who could read either's memory anyway) can reach these pipes, so no handshake is needed, and the
 * child starts without loading sockets or cryptography.
 *
 * <pre>
 * child  → parent  HELLO                          once, when the upward FIFO is open
 * child  → parent  TRAINED                        a warm child has rehearsed a task's paths (see ChildMain)
 * parent → child   TASK(a {@link TaskMessage})     once; a warm child waits for it
 * child  → parent  CLASS_REQUEST(binary name)     whenever the child's class path lacks a class
 * parent → child   CLASS_REPLY(found:byte, bytes)
 * child  → parent  OPENED | START_FAILED(text)    the task is deserialized and its handles opened
 * parent → child   INTERRUPT(id:long)              a pool cancels a worker's item (see ChildMain#onInterrupt),
 *                                                  or, id THE_TASK, Process.interrupt: the task's thread
 * child  → parent  EXIT(status:int)               the status the child is about to exit with
 * </pre>
 *
 * End of file downwards, unless the child has begun to exit (its own exit path ends its read, see
 * ChildMain), tells the child its parent is gone (it then halts at once, even while the dead parent
 * is a zombie that still looks alive); end of file upwards tells the parent the child is gone.
 */
final class Control {

    static final byte HELLO = 1;
    static final byte TASK = 2;
    static final byte CLASS_REQUEST = 3;
    static final byte CLASS_REPLY = 4;
    static final byte OPENED = 5;
    static final byte START_FAILED = 6;
    static final byte EXIT = 7;
    static final byte INTERRUPT = 8;
    static final byte TRAINED = 9;

    /** The id of an INTERRUPT for the thread that runs the child's task; a pool's item ids are positive. */
    static final long THE_TASK = 0;

    private final InputStream in;
    private final OutputStream out;
    private final Closeable resources;

    Control(InputStream in, OutputStream out, Closeable resources) {
        this.in = in;
        this.out = out;
        this.resources = resources;
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

    /** The next message, or null when the peer's end closed. */
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
            resources.close();
        } catch (IOException ignored) {
            // the pipes are released either way
        }
    }
}
