package io.github.mp4j.spawn;

import io.github.mp4j.handles.Fifo;
import io.github.mp4j.handles.PrivateFolder;
import io.github.mp4j.platform.Transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The upward half of a {@link Control} channel, child to parent, in the form the transport (see
 * {@link Transport}) allows: Linux's is a FIFO the child reopens through {@code /proc/<parent>/fd/<n>};
 * the portable one a UNIX-domain socket in the parent's {@link PrivateFolder}, which the child
 * connects to once and the parent accepts once (then the socket's file is deleted). Either way, the
 * parent reads end of file once the child is gone, and the child is told where to write by the
 * second word of its invitation ({@link #invitation()}).
 *
 * <pre>{@code
 * Upward up = Upward.open();                       // parent, before writing the invitation
 * stdin.write((parentPid + " " + up.invitation() + "\n").getBytes(US_ASCII));
 * OutputStream toParent = Upward.connect(word);    // child, with that word
 * }</pre>
 */
abstract class Upward implements Closeable {

    /** The word the child's invitation carries: where the child connects. */
    abstract String invitation();

    /** What the parent reads the child's messages from. */
    abstract InputStream input();

    /**
     * Lets go of what the parent held so that the child could connect, once the child has (HELLO)
     * or has died: from then on, end of file on {@link #input()} means the child is gone.
     */
    abstract void dropWriter();

    /** Opens the parent's side in this JVM's transport. */
    static Upward open() throws IOException {
        return Transport.current() == Transport.LINUX ? new FifoUpward() : new SocketUpward();
    }

    /**
     * The child's side: the stream to its parent named by {@code word} of the invitation, and
     * {@code parentPid}.
     */
    static OutputStream connect(long parentPid, String word) throws IOException {
        if (Transport.current() == Transport.LINUX) {
            return Fifo.openWriter(parentPid, Integer.parseInt(word));
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(URLDecoder.decode(word, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        // the child only writes here, so the stream's lock (shared with reads) costs nothing
        return new InterruptShield(Channels.newOutputStream(channel));
    }

    /** Linux: the FIFO pair of before; our writing copy keeps it open until the child has its own. */
    private static final class FifoUpward extends Upward {
        private final Fifo[] up = Fifo.pipe(false);

        FifoUpward() throws IOException {
        }

        @Override
        String invitation() {
            return Integer.toString(up[1].fileno());
        }

        @Override
        InputStream input() {
            return up[0].input();
        }

        @Override
        void dropWriter() {
            closeQuietly(up[1]);
        }

        @Override
        public void close() throws IOException {
            up[0].close();
        }
    }

    /**
     * Portable: a listening socket for exactly one connection. The first read accepts it; closing
     * the listener (the child died first) ends a waiting accept with an exception, which the parent's
     * reader takes for the end of the channel.
     */
    private static final class SocketUpward extends Upward {
        private static final AtomicLong COUNT = new AtomicLong();
        private final Path path;
        private final ServerSocketChannel listener;
        private final InputStream in = Channels.newInputStream(new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                return accepted().read(dst);
            }

            @Override
            public boolean isOpen() {
                return listener.isOpen() || accepted != null;
            }

            @Override
            public void close() throws IOException {
                SocketUpward.this.close();
            }
        });
        private volatile SocketChannel accepted; // written once, under this

        SocketUpward() throws IOException {
            path = PrivateFolder.socket("c" + COUNT.incrementAndGet());
            listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                listener.bind(UnixDomainSocketAddress.of(path), 1);
            } catch (IOException | RuntimeException e) {
                listener.close();
                throw e;
            }
        }

        /** Only the parent's reader thread reads, so the accept runs once, on that thread. */
        private synchronized SocketChannel accepted() throws IOException {
            if (accepted == null) {
                try {
                    accepted = listener.accept();
                } finally {
                    dropWriter();
                }
            }
            return accepted;
        }

        @Override
        String invitation() {
            return URLEncoder.encode(path.toString(), StandardCharsets.UTF_8);
        }

        @Override
        InputStream input() {
            return in;
        }

        @Override
        void dropWriter() {
            closeQuietly(listener);
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // left to the private folder's deletion at exit
            }
        }

        @Override
        public void close() throws IOException {
            dropWriter();
            SocketChannel connection = accepted;
            if (connection != null) {
                connection.close();
            }
        }
    }

    /**
     * Writes with the thread's interrupt status cleared meanwhile: an interrupt pending when a
     * socket channel's write starts would close the channel (NIO's rule), and with it the child's
     * control channel, which the parent would take for the child's death. A task thread that was
     * interrupted and then loads a class writes here.
     */
    private static final class InterruptShield extends OutputStream {
        private final OutputStream out;

        InterruptShield(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            boolean interrupted = Thread.interrupted();
            try {
                out.write(b, off, len);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // released either way
        }
    }
}
