package io.github.mp4j.kernel;

import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageContext;
import io.github.spencerpark.jupyter.messages.reply.InputReply;
import io.github.spencerpark.jupyter.messages.request.InputRequest;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import org.zeromq.ZMQ;

/**
 * {@code System.in} for cells: each time a reader needs more bytes, the frontend is asked for a
 * line ({@code input_request} on the stdin channel) and the answer plus a line break is returned.
 * When the running request does not allow stdin ({@code allow_stdin: false}, e.g. nbconvert), or
 * no cell runs, {@code System.in} is at end of file.
 *
 * <p>A read waits in 100 ms polls so that interrupting the cell (which interrupts its thread) ends
 * the wait with {@link InterruptedIOException}. A reply that arrives after such an interrupt is
 * discarded before the next request (clients need not name the request they answer, and
 * jupyter_client does not). One reader at a time uses the stdin socket ({@code this} is the lock).
 */
final class CellInput extends InputStream {

    private static final long POLL_MILLIS = 100;

    private final JupyterSocket stdin;
    private final ZMQ.Poller poller;

    /** The running request, when it allows stdin; else null. Set by the shell thread. */
    private volatile MessageContext request;

    private byte[] line = new byte[0];
    private int next;

    CellInput(JupyterSocket stdin, ZMQ.Context context) {
        this.stdin = stdin;
        this.poller = context.poller(1);
        poller.register(stdin, ZMQ.Poller.POLLIN);
    }

    /** Starts a cell: reads ask the frontend when {@code allowStdin}, else see end of file. */
    void begin(MessageContext cell, boolean allowStdin) {
        request = allowStdin ? cell : null;
    }

    /** Ends the cell; later reads see end of file. */
    void end() {
        request = null;
    }

    @Override
    public synchronized int read() throws InterruptedIOException {
        if (!fill()) {
            return -1;
        }
        return line[next++] & 0xFF;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws InterruptedIOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, line.length - next);
        System.arraycopy(line, next, b, off, n);
        next += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return line.length - next;
    }

    /** Makes unread bytes available, asking the frontend if need be; false at end of file. */
    private boolean fill() throws InterruptedIOException {
        if (next < line.length) {
            return true;
        }
        MessageContext cell = request;
        if (cell == null) {
            return false;
        }
        while (poller.poll(0) > 0) {
            stdin.readMessage(); // a stale answer to an interrupted request
        }
        stdin.sendMessage(new Message<>(cell, InputRequest.MESSAGE_TYPE, new InputRequest("", false)));
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted while waiting for input");
            }
            if (poller.poll(POLL_MILLIS) <= 0) {
                continue;
            }
            Message<?> reply = stdin.readMessage();
            if (reply.getContent() instanceof InputReply answer) {
                line = (answer.getValue() + "\n").getBytes(StandardCharsets.UTF_8);
                next = 0;
                return true;
            }
        }
    }
}
