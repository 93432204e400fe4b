package io.github.mp4j.kernel;

import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.jupyter.messages.ContentType;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageContext;
import io.github.spencerpark.jupyter.messages.publish.PublishStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every message the kernel publishes on iopub outside basekernel's own replies, and the
 * {@code System.out}/{@code System.err} of the whole JVM.
 *
 * <p>Implementation overview. jeromq sockets are not thread-safe, so every send takes the iopub
 * socket's monitor: {@link JupyterSocket#sendMessage} is synchronized on the socket, and
 * {@link #publish} synchronizes on the same object, so basekernel's replies, stream text from any
 * thread and display messages are serialized by one lock. Messages go out with the parent header
 * of the cell that is running, or, while idle, of the last cell (so a background thread's output is
 * never printed on the kernel's console). Stream text is buffered and sent by a flusher thread every
 * {@value #FLUSH_MILLIS} ms, which keeps a printing loop from sending a message per line; the
 * kernel calls {@link #drain()} before a cell's result and reply so that output comes first.
 */
final class CellOutput {

    private static final long FLUSH_MILLIS = 50;

    private final JupyterSocket iopub;
    private final Stream out = new Stream(PublishStream.StreamType.OUT);
    private final Stream err = new Stream(PublishStream.StreamType.ERR);
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mp4j-output-flusher");
        t.setDaemon(true);
        return t;
    });

    /** Where stream text goes before the first cell (startup script): the kernel's own log. */
    private final PrintStream console = System.err;

    /** The request whose outputs we are sending; set by the shell thread, read by any. */
    private volatile MessageContext parent;

    CellOutput(JupyterSocket iopub) {
        this.iopub = iopub;
        flusher.scheduleWithFixedDelay(this::drain, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Redirects this JVM's standard streams here; returns nothing to restore (the kernel owns them). */
    void install() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** Makes {@code request} the parent of everything published from now on. */
    void begin(MessageContext request) {
        drain();
        parent = request;
    }

    /** Sends {@code content} under the current parent; dropped before the first cell. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void publish(ContentType<?> content) {
        MessageContext p = parent;
        if (p == null) {
            return;
        }
        Message message = new Message(p, content.getType(), content);
        synchronized (iopub) {
            iopub.sendMessage(message);
        }
    }

    /** Sends all buffered stream text now. */
    void drain() {
        out.send();
        err.send();
    }

    void close() {
        flusher.shutdownNow();
        drain();
    }

    /** A byte buffer for one stream; decoded and published as whole UTF-8 characters. */
    private final class Stream extends OutputStream {
        private final PublishStream.StreamType type;
        private byte[] buf = new byte[256];
        private int len;

        Stream(PublishStream.StreamType type) {
            this.type = type;
        }

        @Override
        public synchronized void write(int b) {
            ensure(1);
            buf[len++] = (byte) b;
        }

        @Override
        public synchronized void write(byte[] b, int off, int n) {
            ensure(n);
            System.arraycopy(b, off, buf, len, n);
            len += n;
        }

        private void ensure(int n) {
            if (len + n > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
        }

        void send() {
            String text;
            synchronized (this) {
                int whole = len - incompleteTail();
                if (whole == 0) {
                    return;
                }
                text = new String(buf, 0, whole, StandardCharsets.UTF_8);
                System.arraycopy(buf, whole, buf, 0, len - whole);
                len -= whole;
            }
            if (parent == null) {
                console.print(text);
            } else {
                publish(new PublishStream(type, text));
            }
        }

        /** How many bytes at the end start a UTF-8 character whose remaining bytes are not written yet. */
        private int incompleteTail() {
            for (int back = 1; back <= Math.min(3, len); back++) {
                int b = buf[len - back] & 0xFF;
                if ((b & 0xC0) != 0x80) { // a lead byte (or ASCII): does the character fit?
                    int need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                    return need > back ? back : 0;
                }
            }
            return 0;
        }
    }
}
