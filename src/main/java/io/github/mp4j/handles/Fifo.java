package io.github.mp4j.handles;

import io.github.mp4j.wire.Endpoint;
import io.github.mp4j.wire.FrameInput;
import io.github.mp4j.wire.FrameOutput;
import io.github.mp4j.wire.Parts;
import io.github.mp4j.wire.StreamFrameInput;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Pipe ends with the operating system's semantics, shared by every process that holds a copy.
 *
 * <p>Implementation overview. Each direction of a pipe is a named FIFO, taken from a stock made
 * ahead in batches whose directory is deleted at once (see {@link FifoStock}), so nothing stays on
 * disk even if the JVM is killed. Another process gets its own copy of a side by
 * opening {@code /proc/<holder>/fd/<n>} (Java cannot pass descriptors, but Linux lets the same user
 * reopen a FIFO through that link). Because the open of one FIFO side blocks until the other side is
 * open, every open of a copy is bracketed by a short-lived read-write "guard" descriptor on the same
 * FIFO; the guard is closed right after, since a lingering one would hide end-of-file and broken
 * pipes. A new pipe needs no guard: the stock's read-write descriptor plays that part.
 * With one copy per process per side, the kernel's own reference counts give Python's semantics:
 * a reader sees EOF only when every copy of the writing side, in every process, is closed.
 */
public final class Fifo implements Endpoint {

    private static final Object OPEN_LOCK = new Object();

    /** The read side; its reads end with end of file when this JVM exits (see {@link ReadSide#endAll}). */
    private final ReadSide in;
    private final int inFd;
    private final FileOutputStream out;
    private final int outFd;
    /** The read side's buffer shared by every holder (see {@link SharedReadAhead}), or null. */
    private SharedMemory readAhead;
    /** The buffer of the FIFO this end writes to, for its large payloads (see {@link SharedPayloads}), or null. */
    private SharedMemory writeAhead;
    /** Whether {@link #release} has run: it releases the buffers once. */
    private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();

    private Fifo(FileInputStream in, int inFd, FileOutputStream out, int outFd) {
        this.in = in == null ? null : ReadSide.of(in);
        this.inFd = inFd;
        this.out = out;
        this.outFd = outFd;
    }

    /**
     * Creates a pipe and returns its two ends. Duplex: both ends read and write (two FIFOs).
     * One-way: the first end only reads, the second only writes. Each end reads with two exact
     * reads per message: for pipes whose reading end never travels (and is read ahead privately)
     * and for pipes read once.
     */
    public static Fifo[] pipe(boolean duplex) throws IOException {
        try (FifoStock.Node a = FifoStock.take(); FifoStock.Node b = duplex ? FifoStock.take() : null) {
            // the stock's nodes hold each FIFO read-write while the ends open, so no guard is needed
            return duplex ? new Fifo[] {open(a.path(), b.path(), false), open(b.path(), a.path(), false)}
                          : new Fifo[] {open(a.path(), null, false), open(null, a.path(), false)};
        }
    }

    /**
     * As {@link #pipe(boolean)}, with each reading end's {@link #frameInput()} reading ahead into a
     * buffer that every holder of that end shares, wherever the end travels, and each writing end's
     * {@link #frameOutput()} passing large payloads through that buffer's {@link SharedPayloads}.
     */
    public static Fifo[] pipeWithReadAhead(boolean duplex) throws IOException {
        Fifo[] ends = pipe(duplex);
        try {
            SharedMemory first = ends[0].in != null ? SharedReadAhead.createBuffer() : null;
            SharedMemory second = ends[1].in != null ? SharedReadAhead.createBuffer() : null;
            // the first end reads the FIFO the second writes; in a duplex pipe, also the other way round
            ends[0].share(first, second);
            ends[1].share(second, first);
            return ends;
        } catch (IOException | RuntimeException e) {
            for (Fifo end : ends) {
                end.close();
                end.release();
            }
            throw e;
        }
    }

    /**
     * Opens a writing copy of a FIFO that process {@code pid} holds as {@code fd} and keeps open for
     * reading, so the open returns at once. Lighter than a full end: no guard and no descriptor
     * lookup, since a child's control channel runs this before anything else.
     */
    public static OutputStream openWriter(long pid, int fd) throws IOException {
        return new FileOutputStream(ProcFd.path(pid, fd).toFile());
    }

    /**
     * Opens this process's copy of FIFO sides given by path (the creator's FIFO, or a
     * {@code /proc/<pid>/fd/<n>} link of another holder). Either path may be null. {@code guarded}:
     * whether to hold read-write guards during the opens, which only a caller that holds no
     * read-write descriptor of its own on both FIFOs needs.
     */
    static Fifo open(Path readPath, Path writePath, boolean guarded) throws IOException {
        synchronized (OPEN_LOCK) {
            List<RandomAccessFile> guards = new ArrayList<>(2);
            FileInputStream in = null;
            FileOutputStream out = null;
            try {
                for (Path p : new Path[] {readPath, writePath}) {
                    if (p != null && guarded) {
                        guards.add(new RandomAccessFile(p.toFile(), "rw"));
                    }
                }
                int inFd = -1;
                int outFd = -1;
                if (readPath != null) {
                    var opened = ProcFd.open(ProcFd.target(readPath), ProcFd.READ, "a pipe's read side",
                            () -> new FileInputStream(readPath.toFile()));
                    in = opened.file();
                    inFd = opened.fd();
                }
                if (writePath != null) {
                    var opened = ProcFd.open(ProcFd.target(writePath), ProcFd.WRITE, "a pipe's write side",
                            () -> new FileOutputStream(writePath.toFile()));
                    out = opened.file();
                    outFd = opened.fd();
                }
                return new Fifo(in, inFd, out, outFd);
            } catch (IOException | RuntimeException e) {
                closeQuietly(in);
                closeQuietly(out);
                throw e;
            } finally {
                for (RandomAccessFile guard : guards) {
                    guard.close();
                }
            }
        }
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() {
        return out;
    }

    @Override
    public FrameInput frameInput() {
        if (in == null) {
            return null;
        }
        return readAhead != null ? new SharedReadAhead(readAhead, in) : new StreamFrameInput(in);
    }

    @Override
    public FrameOutput frameOutput() {
        if (out == null || writeAhead == null) {
            return Endpoint.super.frameOutput();
        }
        return new SharedPayloads(writeAhead, SharedReadAhead.PAYLOADS, out);
    }

    @Override
    public int fileno() {
        return in != null ? inFd : outFd;
    }

    @Override
    public Reference reference() throws IOException {
        Transfer.checkInheritance("Connection");
        return new Ref(ProcessHandle.current().pid(), in != null ? inFd : -1, out != null ? outFd : -1,
                readAhead, writeAhead);
    }

    /** Gives this end its shared buffers (either may be null), which {@link #release} lets go of. */
    private void share(SharedMemory readBuffer, SharedMemory writeBuffer) {
        for (SharedMemory block : new SharedMemory[] {readBuffer, writeBuffer}) {
            if (block != null) {
                block.retain();
            }
        }
        readAhead = readBuffer;
        writeAhead = writeBuffer;
    }

    /** Closes this process's descriptors of the FIFOs; the shared buffers wait for {@link #release}. */
    @Override
    public void close() throws IOException {
        try {
            closeQuietly(in);
        } finally {
            if (out != null) {
                out.close();
            }
        }
    }

    /**
     * Lets go of the shared buffers: the last end in this JVM that uses one closes its descriptor
     * and unmaps it (see {@link SharedMemory#release}).
     */
    @Override
    public void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        for (SharedMemory block : new SharedMemory[] {readAhead, writeAhead}) {
            if (block != null) {
                block.release();
            }
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing a pipe side releases the descriptor even when close reports an error
            }
        }
    }

    /** A pipe end in flight: the holder's pid and descriptor numbers, and its shared buffers if it has them. */
    private static final class Ref implements Reference, Parts {
        private static final long serialVersionUID = 1L;
        private final long pid;
        private final int inFd;
        private final int outFd;
        /** Mapped in the receiving process as the Ref is read (see {@link SharedMemory}). */
        private final SharedMemory readAhead;
        private final SharedMemory writeAhead;

        Ref(long pid, int inFd, int outFd, SharedMemory readAhead, SharedMemory writeAhead) {
            this.pid = pid;
            this.inFd = inFd;
            this.outFd = outFd;
            this.readAhead = readAhead;
            this.writeAhead = writeAhead;
        }

        private Ref(Object[] parts) {
            this((Long) parts[0], (Integer) parts[1], (Integer) parts[2], (SharedMemory) parts[3],
                    (SharedMemory) parts[4]);
        }

        /** A shared buffer has no compact form, so an end with one travels by serialization. */
        @Override
        public Object[] parts() {
            return new Object[] {pid, inFd, outFd, readAhead, writeAhead};
        }

        @Override
        public Endpoint open() throws IOException {
            try {
                Fifo opened = Fifo.open(inFd < 0 ? null : ProcFd.path(pid, inFd),
                        outFd < 0 ? null : ProcFd.path(pid, outFd), true);
                opened.share(readAhead, writeAhead);
                return opened;
            } catch (java.io.FileNotFoundException e) {
                throw new IOException("cannot open a copy of a pipe end held by process " + pid
                        + ": it has exited or closed the end (" + e.getMessage() + ")", e);
            }
        }
    }
}
