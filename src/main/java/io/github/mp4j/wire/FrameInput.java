package io.github.mp4j.wire;

import java.io.IOException;

/**
 * Where a {@code Connection} takes whole frames (see {@link Frames}) from. One receive is
 * {@link #begin()}, {@link #nextLength()}, then {@link #take} of that length unless the receiver
 * refuses the message, then {@link #end()}; the caller makes sure that only one thread of a process
 * is inside a receive of one source at a time.
 *
 * <pre>{@code
 * input.begin();
 * try {
 *     int length = input.nextLength();       // -1: end of file
 *     byte[] payload = input.take(length);
 * } finally {
 *     input.end();
 * }
 * }</pre>
 *
 * A source may be shared by several processes (a pipe end held by each of them): {@link #begin()}
 * then excludes the other holders until {@link #end()}, so each message goes to exactly one of them.
 */
public interface FrameInput {

    /**
     * Starts a receive, waiting while another holder of a shared source is receiving.
     *
     * @throws java.io.InterruptedIOException if the thread is interrupted while waiting
     */
    void begin() throws IOException;

    /** Ends the receive that {@link #begin()} started; always called once after it. */
    void end();

    /**
     * The length of the next message, waiting for it as long as it takes; -1 when the source has
     * ended cleanly. A source that can keep the message for later receives does not consume it
     * until {@link #take}.
     *
     * @throws BadMessageLength see {@link Frames#parseHeader}
     * @throws TruncatedMessage when the stream ended inside a header (the fragment is dropped)
     */
    int nextLength() throws IOException;

    /**
     * Consumes the message whose length {@link #nextLength()} returned, into {@code buf}.
     *
     * @throws TruncatedMessage when the writer died while sending
     */
    void take(byte[] buf, int offset, int length) throws IOException;

    /**
     * Consumes the message whose length {@link #nextLength()} returned, into a new array that is
     * allocated as the bytes arrive (see {@link Frames#readGrowing(java.io.InputStream, int)}), so a
     * length that the writer announces but never sends costs no memory.
     *
     * @throws TruncatedMessage when the writer died while sending
     */
    byte[] take(int length) throws IOException;

    /**
     * Whether a receive would find data (or the end of the stream) without waiting for a writer:
     * a hint, since another holder may take it first. Never blocks.
     */
    boolean ready() throws IOException;

    /**
     * Waits, as long as it takes, until {@link #ready()} would hold or the source has ended; meant
     * for a background thread serving a bounded poll. Errors are kept for the next receive to
     * report. Must not run while a receive of this process is inside {@link #begin()}.
     */
    void awaitData();
}
