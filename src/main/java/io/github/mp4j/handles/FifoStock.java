package io.github.mp4j.handles;

import io.github.mp4j.platform.LinuxPaths;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * FIFOs made ahead, a batch at a time. Java cannot call {@code mkfifo(3)}, so a FIFO takes a
 * {@code mkfifo} process, about 15 ms here: every pipe, queue, pool worker and child control channel
 * paid that on its own. One process now makes {@value #BATCH}.
 *
 * <pre>{@code
 * try (FifoStock.Node node = FifoStock.take()) {
 *     open(node.path());   // any number of descriptors on it, reading or writing
 * }                        // the stock's own descriptor is closed; the FIFO lives while those do
 * }</pre>
 *
 * <p>Nothing stays on disk, even while FIFOs wait in the stock: a batch is made in a private
 * directory, each FIFO is opened read-write (which on Linux never blocks for a FIFO), and the
 * directory is deleted at once. A taken FIFO is reached through {@code /proc/self/fd/<n>} of that
 * read-write descriptor, the way other processes reach every pipe end (see {@link Fifo}). A JVM that
 * dies, even by SIGKILL, leaves nothing: the kernel closes the descriptors and frees the FIFOs.
 */
final class FifoStock {

    /** FIFOs per {@code mkfifo} process; each waits in the stock as one descriptor. */
    static final int BATCH = 16;

    private static final Deque<Node> STOCK = new ArrayDeque<>();

    private FifoStock() {}

    /** A new FIFO, made by this process and opened by nobody but the stock. */
    static Node take() throws IOException {
        synchronized (STOCK) {
            if (STOCK.isEmpty()) {
                STOCK.addAll(makeBatch());
            }
            return STOCK.removeFirst();
        }
    }

    /** A FIFO from the stock: its path is valid until {@link #close()}. */
    static final class Node implements AutoCloseable {
        private final RandomAccessFile held;
        private final int fd;

        private Node(RandomAccessFile held, int fd) {
            this.held = held;
            this.fd = fd;
        }

        /** The path through which this process opens the FIFO. */
        Path path() {
            return ProcFd.path(ProcessHandle.current().pid(), fd);
        }

        /** Closes the stock's descriptor; the FIFO lives on in the descriptors opened on it. */
        @Override
        public void close() throws IOException {
            held.close();
        }
    }

    private static List<Node> makeBatch() throws IOException {
        Path dir = OwnedTempDirectory.create("fifo").toRealPath();
        List<Node> made = new ArrayList<>(BATCH);
        try {
            List<String> paths = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                paths.add(dir.resolve("f" + i).toString());
            }
            mkfifo(LinuxPaths.mkfifo(paths));
            for (int i = 0; i < BATCH; i++) {
                Path fifo = dir.resolve("f" + i);
                var held = ProcFd.open(ProcFd.target(fifo), ProcFd.READ_WRITE, "a new FIFO",
                        () -> new RandomAccessFile(fifo.toFile(), "rw"));
                made.add(new Node(held.file(), held.fd()));
            }
            return made;
        } catch (IOException | RuntimeException e) {
            for (Node node : made) {
                node.close();
            }
            throw e;
        } finally {
            OwnedTempDirectory.deleteQuietly(dir);
        }
    }

    private static void mkfifo(List<String> command) throws IOException {
        java.lang.Process mk = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!mk.waitFor(10, TimeUnit.SECONDS) || mk.exitValue() != 0) {
                mk.destroyForcibly();
                throw new IOException("mkfifo failed: " + new String(mk.getInputStream().readAllBytes()).trim());
            }
        } catch (InterruptedException e) {
            mk.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating a pipe", e);
        }
    }
}
