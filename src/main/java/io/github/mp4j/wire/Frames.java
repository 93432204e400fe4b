package io.github.mp4j.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The message framing shared by every mp4j byte stream: a 4-byte big-endian length, then that many
 * payload bytes. Messages never merge and may be empty.
 *
 * <p>A receiver checks the announced length against {@link #maxMessageBytes()} before it allocates
 * anything, and then allocates as the payload arrives ({@link #readGrowing(InputStream, int)}), so
 * a garbage or hostile header costs nothing. The limit is read once from the system
 * property {@code mp4j.maxMessageBytes} (default 256 MiB); senders enforce the same limit so that a
 * message a receiver would refuse is never written.
 */
public final class Frames {

    /** Length of the header that precedes every payload. */
    public static final int HEADER_BYTES = 4;
    /**
     * A header that no length can have: the frame is a descriptor of a payload in shared memory
     * (see {@code handles.SharedPayloads}), which only a pipe's shared read-ahead understands.
     */
    public static final int SHARED_PAYLOAD = -1;

    /** The most a receive allocates for a payload before its bytes arrive. */
    public static final int FIRST_STEP = 64 * 1024;

    private static final int MAX_MESSAGE_BYTES =
            Integer.getInteger("mp4j.maxMessageBytes", 256 * 1024 * 1024);

    private Frames() {}

    /** The largest payload any mp4j endpoint sends or accepts. */
    public static int maxMessageBytes() {
        return MAX_MESSAGE_BYTES;
    }

    /**
     * Writes one frame. Small frames go out in a single write so that, on a pipe, they are atomic
     * with respect to other writers (Linux guarantees this up to 4096 bytes).
     */
    public static void write(OutputStream out, byte[] buf, int offset, int size) throws IOException {
        writeUnflushed(out, buf, offset, size);
        out.flush();
    }

    /**
     * Writes one frame as {@link #write} does, without flushing: for a buffered stream that
     * collects several frames into one system call.
     */
    public static void writeUnflushed(OutputStream out, byte[] buf, int offset, int size) throws IOException {
        checkOutgoingSize(size);
        if (size <= 8192) {
            byte[] frame = new byte[HEADER_BYTES + size];
            putInt(frame, 0, size);
            System.arraycopy(buf, offset, frame, HEADER_BYTES, size);
            out.write(frame);
        } else {
            byte[] header = new byte[HEADER_BYTES];
            putInt(header, 0, size);
            out.write(header);
            out.write(buf, offset, size);
        }
    }

    /** Rejects a payload that no receiver would accept. */
    public static void checkOutgoingSize(int size) throws IOException {
        if (size > MAX_MESSAGE_BYTES) {
            throw new IOException("message of " + size + " bytes exceeds the maximum of "
                    + MAX_MESSAGE_BYTES + " bytes (system property mp4j.maxMessageBytes)");
        }
    }

    /**
     * Reads one header.
     *
     * @return the payload length, or -1 when the stream ended cleanly before the header
     * @throws TruncatedMessage when the stream ends inside the header
     * @throws BadMessageLength for a negative or over-limit length
     */
    public static int readHeader(InputStream in) throws IOException {
        byte[] header = new byte[HEADER_BYTES];
        int n = readFully(in, header, 0, HEADER_BYTES);
        if (n == 0) {
            return -1;
        }
        if (n < HEADER_BYTES) {
            throw new TruncatedMessage();
        }
        return parseHeader(header);
    }

    /**
     * The payload length that a header announces, validated before anything is allocated for it.
     *
     * @throws BadMessageLength for a negative or over-limit length
     */
    public static int parseHeader(byte[] header) throws IOException {
        return checkIncomingLength(getInt(header, 0));
    }

    /**
     * Validates a length read from the wire, before anything is allocated for it.
     *
     * @throws BadMessageLength for a negative or over-limit length
     */
    public static int checkIncomingLength(int length) throws IOException {
        if (length < 0) {
            throw new BadMessageLength(length + " (garbage on the wire?)");
        }
        if (length > MAX_MESSAGE_BYTES) {
            throw new BadMessageLength(length + " exceeds the maximum of "
                    + MAX_MESSAGE_BYTES + " bytes (system property mp4j.maxMessageBytes)");
        }
        return length;
    }

    /** Reads exactly {@code length} payload bytes into {@code buf} at {@code offset}. */
    public static void readPayload(InputStream in, byte[] buf, int offset, int length) throws IOException {
        if (readFully(in, buf, offset, length) < length) {
            throw new TruncatedMessage();
        }
    }

    /**
     * Reads a payload of {@code length} bytes into a new array, which grows with the bytes that
     * actually arrive: a header that announces more than the peer sends costs at most
     * {@link #FIRST_STEP} bytes, or four times what arrived, never the announced length.
     *
     * @throws TruncatedMessage when the stream ends first
     */
    public static byte[] readGrowing(InputStream in, int length) throws IOException {
        return readGrowing(in, new byte[Math.min(length, FIRST_STEP)], 0, length);
    }

    /**
     * Reads the rest of a payload of {@code length} bytes whose first {@code filled} bytes are in
     * {@code start} (no longer than {@code length}), growing it as
     * {@link #readGrowing(InputStream, int)} does.
     *
     * @return an array of exactly {@code length} bytes ({@code start} itself when it has that size)
     * @throws TruncatedMessage when the stream ends first
     */
    public static byte[] readGrowing(InputStream in, byte[] start, int filled, int length) throws IOException {
        byte[] buf = start;
        while (filled < length) {
            if (filled == buf.length) {
                // Four times what arrived: the copies cost a third of the payload in all.
                buf = Arrays.copyOf(buf, (int) Math.min(length, Math.max(FIRST_STEP, 4L * filled)));
            }
            int n = in.read(buf, filled, buf.length - filled);
            if (n < 0) {
                throw new TruncatedMessage();
            }
            filled += n;
        }
        return buf;
    }

    /** Reads one whole frame; null at a clean end of stream. */
    public static byte[] read(InputStream in) throws IOException {
        int length = readHeader(in);
        return length < 0 ? null : readGrowing(in, length);
    }


    /** The big-endian int at {@code at}, the byte order of every header. */
    public static int getInt(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16)
                | ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
    }

    /** Stores {@code value} big-endian at {@code at}. */
    public static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    /**
     * Loops over {@code read} (never {@code readNBytes}, which fails with "Illegal seek" on FIFOs
     * in Java 17) and returns how many bytes arrived before the end of the stream.
     */
    private static int readFully(InputStream in, byte[] buf, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(buf, offset + done, length - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done;
    }
}
