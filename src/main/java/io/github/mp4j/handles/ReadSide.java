package io.github.mp4j.handles;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The reading side of a pipe in this JVM (a FIFO side, a child's standard input): an input stream
 * whose blocked reads {@link #endAll} ends with end of file, which a JVM about to exit calls.
 *
 * <p>Why: a JVM's exit waits up to 300 ms for every thread blocked in a native call, such as a read
 * of a pipe whose writers stay open (HotSpot's {@code VM_Exit}, on Java 17 and 25 alike), and
 * closing a {@link FileInputStream} does not end a read already blocked in it. A read through the
 * stream's {@link FileChannel} does end: closing the channel signals every thread blocked in it.
 * So reads go through the channel, while {@link #available()} asks the stream (the kernel's count
 * of bytes in the pipe, which a channel does not give for a FIFO).
 *
 * <p>Interrupts: a channel closes itself when a thread blocked in it is interrupted. A read that
 * starts with its thread's interrupt status set therefore reads through the stream, as before, and
 * a thread interrupted while blocked in a read gets an {@link InterruptedIOException}, this
 * process's copy of the side being closed then (the other holders' copies stay open).
 *
 * <p>Every open side is held weakly here, so one dropped without {@code close} is still closed by
 * its stream's cleaner when it is collected.
 */
public final class ReadSide extends InputStream {

    /* guarded by itself */
    private static final Set<ReadSide> OPEN = Collections.newSetFromMap(new WeakHashMap<>());
    /** Set by {@link #endAll} before it closes the sides: reads that end then see end of file. */
    private static volatile boolean ending;

    private final FileInputStream file;
    private final FileChannel channel;

    private ReadSide(FileInputStream file) {
        this.file = file;
        this.channel = file.getChannel();
    }

    /** The reading side over {@code file}, which it owns from now on. */
    public static ReadSide of(FileInputStream file) {
        ReadSide side = new ReadSide(file);
        synchronized (OPEN) {
            OPEN.add(side);
        }
        return side;
    }

    /**
     * Closes every open reading side of this JVM, so every read blocked in one returns end of file
     * at once, and reads after that do too: the one step of a child JVM's exit path that lets it
     * exit without the 300 ms wait (see {@code spawn/ChildMain}). The other holders of each pipe
     * (other processes) keep theirs.
     */
    public static void endAll() {
        ending = true;
        List<ReadSide> sides;
        synchronized (OPEN) {
            sides = new ArrayList<>(OPEN);
        }
        for (ReadSide side : sides) {
            try {
                side.close();
            } catch (IOException ignored) {
                // the descriptor is released either way
            }
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (ending && !channel.isOpen()) {
            return -1;
        }
        if (Thread.currentThread().isInterrupted()) {
            return file.read(b, off, len); // a channel would close itself at once
        }
        try {
            int n;
            do {
                n = channel.read(ByteBuffer.wrap(b, off, len));
            } while (n == 0 && channel.isOpen());
            if (n == 0) { // closed meanwhile
                if (ending) {
                    return -1;
                }
                throw new java.nio.channels.ClosedChannelException();
            }
            return n;
        } catch (ClosedByInterruptException e) {
            InterruptedIOException interrupted = new InterruptedIOException(
                    "interrupted while reading a pipe: this process's copy of its reading side is closed");
            interrupted.initCause(e);
            throw interrupted;
        } catch (AsynchronousCloseException e) {
            if (ending) {
                return -1; // this JVM is exiting: the read ends as if the writers had closed
            }
            throw e;
        }
    }

    @Override
    public int available() throws IOException {
        if (ending && !channel.isOpen()) {
            return 0;
        }
        return file.available();
    }

    @Override
    public void close() throws IOException {
        synchronized (OPEN) {
            OPEN.remove(this);
        }
        channel.close(); // closes the stream too
    }
}
