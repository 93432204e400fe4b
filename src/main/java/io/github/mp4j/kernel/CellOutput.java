package io.github.mp4j.kernel;

import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.jupyter.messages.ContentType;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageContext;
import io.github.spencerpark.jupyter.messages.publish.PublishStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * of the cell that is running. Frontends drop outputs whose cell has finished, so what a background
 * thread (or a child JVM) sends while no cell runs is held, in order, and sent at the start of the
 * next cell (at most {@value #MAX_HELD} messages; beyond that a count of dropped outputs is sent);
 * before the first cell it goes to the kernel's log. Stream text is buffered and sent by a flusher
 * thread every {@value #FLUSH_MILLIS} ms, which keeps a printing loop from sending a message per
 * line; the kernel calls {@link #drain()} before a cell's result and reply so output comes first.
 *
 * <p>Locks: {@code this} guards {@link #parent}, {@link #running} and {@link #held}, and is taken
 * before the iopub socket's monitor, never after it.
 */
final class CellOutput {

    private static final long FLUSH_MILLIS = 50;
    private static final int MAX_HELD = 10_000;

    private final JupyterSocket iopub;
    private final Stream out = new Stream(PublishStream.StreamType.OUT);
    private final Stream err = new Stream(PublishStream.StreamType.ERR);
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mp4j-output-flusher");
        t.setDaemon(true);
        return t;
    });

    /** Where stream text goes before the first cell: the kernel's own log. */
    private final PrintStream console = System.err;

    /** The request of the running (or last) cell; null before the first cell. */
    private MessageContext parent;
    /** Whether a cell is running, so that outputs go out now rather than being held. */
    private boolean running;
    /** Outputs sent while no cell ran, oldest first, and how many did not fit. */
    private final List<ContentType<?>> held = new ArrayList<>();
    private int dropped;

    CellOutput(JupyterSocket iopub) {
        this.iopub = iopub;
        flusher.scheduleWithFixedDelay(this::drain, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Redirects this JVM's standard streams here; returns nothing to restore (the kernel owns them). */
    void install() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /**
     * Starts a cell: {@code request} becomes the parent of everything published from now on, and
     * the outputs held while idle are sent first, under it.
     */
    void begin(MessageContext request) {
        drain();
        synchronized (this) {
            parent = request;
            running = true;
            for (ContentType<?> content : held) {
                send(content);
            }
            held.clear();
            if (dropped > 0) {
                send(new PublishStream(PublishStream.StreamType.ERR,
                        "[mp4j: " + dropped + " outputs sent while no cell ran were dropped]\n"));
                dropped = 0;
            }
        }
    }

    /** Ends a cell: outputs from now on are held until the next {@link #begin}. */
    void end() {
        drain();
        synchronized (this) {
            running = false;
        }
    }

    /** Sends {@code content} under the running cell, or holds it while none runs. */
    synchronized void publish(ContentType<?> content) {
        if (running) {
            send(content);
        } else if (parent == null && content instanceof PublishStream text) {
            console.print(text.getText()); // before the first cell: the kernel's log
        } else if (parent != null) {
            hold(content);
        }
    }

    private void hold(ContentType<?> content) {
        int last = held.size() - 1;
        if (content instanceof PublishStream text && last >= 0 && held.get(last) instanceof PublishStream before
                && before.getStreamType() == text.getStreamType()) {
            held.set(last, new PublishStream(text.getStreamType(), before.getText() + text.getText()));
        } else if (held.size() < MAX_HELD) {
            held.add(content);
        } else {
            dropped++;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void send(ContentType<?> content) {
        Message message = new Message(parent, content.getType(), content);
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
            publish(new PublishStream(type, text));
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
