package io.github.mp4j.handles;

import io.github.mp4j.wire.Endpoint;
import io.github.mp4j.wire.FrameInput;
import io.github.mp4j.wire.FrameOutput;
import io.github.mp4j.wire.Frames;
import io.github.mp4j.wire.TruncatedMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * One process's copy of a pipe end in the portable transport: a connection to the {@link PipeBroker}
 * of the JVM that created the pipe (see there for the protocol and why the broker counts copies).
 *
 * <pre>{@code
 * PortableEnd[] ends = PortableEnd.pipe(true);    // duplex; one-way: ends[0] reads, ends[1] writes
 * new Connection(ends[0]);
 * }</pre>
 *
 * <p>Implementation overview. A daemon reader thread per copy takes the broker's messages off the
 * socket into {@link #arrived}, and turns the broker's end of stream into end of file for receives
 * and "Broken pipe" for sends. Receives take from that queue, so an interrupted receive leaves the
 * socket open (a NIO channel closes itself when a thread blocked on it is interrupted); a send runs
 * with the thread's interrupt status cleared for the same reason. A receive asks the broker for one
 * message ('W') when it finds none here and has none on its way.
 */
public final class PortableEnd implements Endpoint {

    /** How long {@link Input#ready()} waits at most for the broker to answer a new request. */
    private static final long ANSWER_MS = 50;
    /** In {@link #arrived}: the broker's end of stream. */
    private static final byte[] END = new byte[0];
    /** In {@link #arrived}: a message whose writer died while sending it. */
    private static final byte[] CUT = new byte[0];

    private final SocketChannel channel;
    private final String path;
    private final boolean reads;
    private final boolean writes;
    /** Held around each write to the broker, so that requests and messages never interleave. */
    private final Object writeLock = new Object();
    /** Guards the request state below and additions to {@link #arrived}; never held while writing. */
    private final Object state = new Object();
    /** Messages the broker gave this copy, then {@link #END} once it has ended. */
    private final LinkedBlockingDeque<byte[]> arrived = new LinkedBlockingDeque<>();
    /** Whether a 'W' is on its way and its message has not arrived; guarded by {@link #state}. */
    private boolean asked;
    /** Whether a 'P' is registered at the broker and no message was announced since; guarded by state. */
    private boolean pollOpen;
    /** Whether the broker has answered the last 'P' (none queued, or available); guarded by state. */
    private boolean answered;
    /** Whether the broker announced a message for this end since this copy last claimed one; guarded by state. */
    private boolean available;
    /** Whether a 'U' is on its way and neither its answer nor the message has arrived; guarded by state. */
    private boolean withdrawing;
    /** Whether a receive asked again while {@link #withdrawing}; guarded by state. */
    private boolean askedAgain;
    /** Why the reader thread stopped other than at the broker's end of stream, or null. */
    private volatile IOException failure;
    /** Whether the broker said the other end is gone: sends fail with "Broken pipe". */
    private volatile boolean peerGone;
    /** The message {@link Input#nextLength()} announced and no take has consumed yet. */
    private byte[] current;

    private PortableEnd(SocketChannel channel, String path, boolean reads, boolean writes) {
        this.channel = channel;
        this.path = path;
        this.reads = reads;
        this.writes = writes;
        Thread reader = new Thread(this::readFromBroker, "mp4j-pipe-end");
        reader.setDaemon(true);
        reader.start();
    }

    /** Creates a pipe served by this JVM's broker and connects this process's copies of its ends. */
    public static PortableEnd[] pipe(boolean duplex) throws IOException {
        Path[] paths = PipeBroker.get().open(duplex);
        PortableEnd first = connect(paths[0].toString(), true, duplex);
        try {
            return new PortableEnd[] {first, connect(paths[1].toString(), duplex, true)};
        } catch (IOException | RuntimeException e) {
            first.close();
            throw e;
        }
    }

    private static PortableEnd connect(String path, boolean reads, boolean writes) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(path));
            return new PortableEnd(channel, path, reads, writes);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private void readFromBroker() {
        // Its blocking reads hold the channel's blocking lock, which writes never take: sends go on.
        InputStream in = java.nio.channels.Channels.newInputStream(channel);
        try {
            byte[] header = new byte[Frames.HEADER_BYTES];
            while (in.readNBytes(header, 0, header.length) == header.length) {
                int length = Frames.getInt(header, 0);
                if (length == PipeBroker.NONE || length == PipeBroker.AVAILABLE) {
                    synchronized (state) {
                        answered = true;
                        if (length == PipeBroker.AVAILABLE) {
                            available = true;
                            pollOpen = false;
                        }
                        state.notifyAll();
                    }
                } else if (length == PipeBroker.WITHDRAWN) {
                    withdrawn();
                } else {
                    arrived(length == PipeBroker.TRUNCATED ? CUT
                            : Frames.readGrowing(in, Frames.checkIncomingLength(length)));
                }
            }
        } catch (IOException e) {
            failure = e; // closed here, or the broker's JVM is gone
        } finally {
            synchronized (state) {
                peerGone = true;
                arrived.add(END);
                state.notifyAll();
            }
        }
    }

    /** A message the broker gave this copy: kept, or given back if its request was withdrawn. */
    private void arrived(byte[] message) throws IOException {
        synchronized (state) { // so that unclaim sees it either owed or arrived
            asked = false;
            state.notifyAll();
            if (!withdrawing || message == CUT) {
                arrived.add(message);
                return;
            }
            withdrawing = false;
            if (askedAgain) {
                askedAgain = false;
                arrived.add(message);
                return;
            }
        }
        synchronized (writeLock) {
            giveBack(message); // the message the withdrawn 'W' had already fetched
        }
    }

    /**
     * Asks the broker for one message unless one is here or on its way; a no-op for a write-only end.
     *
     * @return whether it asked now, so that an answer (a message, or "none queued") is on its way
     */
    private boolean ask() throws IOException {
        synchronized (state) {
            if (!reads || !arrived.isEmpty() || asked || peerGone) {
                return false;
            }
            if (withdrawing) {
                askedAgain = true; // the withdrawal's outcome decides: see arrived, withdrawn
                return false;
            }
            asked = true;
            available = false; // claimed: what was announced comes, or another copy took it
        }
        synchronized (writeLock) {
            writeShielded(ByteBuffer.wrap(new byte[] {PipeBroker.WANT}));
        }
        return true;
    }

    /**
     * Asks the broker to say when a message is queued for this end ('P'), unless a message is here,
     * announced, or already being asked about.
     *
     * @return whether it asked now, so that an answer is on its way
     */
    private boolean poll() throws IOException {
        synchronized (state) {
            if (!reads || !arrived.isEmpty() || available || pollOpen || peerGone) {
                return false;
            }
            pollOpen = true;
            answered = false;
        }
        synchronized (writeLock) {
            writeShielded(ByteBuffer.wrap(new byte[] {PipeBroker.POLL}));
        }
        return true;
    }

    /** Whether a receive would find a message here, one announced, or the end. */
    private boolean readyHere() {
        synchronized (state) {
            return !arrived.isEmpty() || available;
        }
    }

    /**
     * Waits, at most {@value #ANSWER_MS} ms, for the broker's answer to the 'P' {@link #poll} just
     * sent. So a poll sees a message that was sent before it began, as on a pipe, at the cost of
     * one round trip to the broker when nothing is there.
     */
    private void awaitAnswer() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(ANSWER_MS);
        synchronized (state) {
            for (long left; !answered && arrived.isEmpty() && (left = deadline - System.nanoTime()) > 0; ) {
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(state, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Gives back to the broker whatever this copy asked for and no receive has taken: the 'W' still
     * owed, and the messages that arrived meanwhile, so that another process's receive gets them.
     * For a reader that stopped waiting (a queue's {@code get} that timed out): an item must not stay
     * with a process that no longer waits for it.
     */
    public void unclaim() throws IOException {
        boolean withdraw = false;
        java.util.Deque<byte[]> taken = new java.util.ArrayDeque<>();
        synchronized (state) {
            if (asked && !withdrawing) {
                withdrawing = true;
                askedAgain = false;
                withdraw = true;
            }
            for (byte[] m; (m = arrived.peekFirst()) != null && m != END && m != CUT; ) {
                taken.push(arrived.pollFirst());
            }
        }
        synchronized (writeLock) {
            if (withdraw) {
                writeShielded(ByteBuffer.wrap(new byte[] {PipeBroker.UNWANT}));
            }
            for (byte[] m : taken) { // newest first: each goes to the head of the broker's queue
                giveBack(m);
            }
        }
    }

    /** The broker's answer to 'U': the 'W' was withdrawn before any message went out for it. */
    private void withdrawn() throws IOException {
        synchronized (state) {
            withdrawing = false;
            asked = false;
            state.notifyAll();
            if (!askedAgain) {
                return;
            }
            askedAgain = false;
        }
        ask();
    }

    /** Sends a message back to the head of this end's queue at the broker; writeLock held. */
    private void giveBack(byte[] message) throws IOException {
        byte[] head = new byte[1 + Frames.HEADER_BYTES];
        head[0] = PipeBroker.BACK;
        Frames.putInt(head, 1, message.length);
        writeShielded(ByteBuffer.wrap(head), ByteBuffer.wrap(message));
    }

    /** Writes all of {@code buffers}; writeLock held. See the class comment for the interrupt status. */
    private void writeShielded(ByteBuffer... buffers) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            long left = 0;
            for (ByteBuffer b : buffers) {
                left += b.remaining();
            }
            while (left > 0) {
                left -= channel.write(buffers);
            }
        } catch (java.nio.channels.ClosedChannelException e) {
            throw new IOException("handle is closed", e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public InputStream input() {
        return null; // receives whole messages only, through frameInput()
    }

    @Override
    public OutputStream output() {
        return null; // sends whole messages only, through frameOutput()
    }

    @Override
    public FrameInput frameInput() {
        return reads ? new Input() : null;
    }

    @Override
    public FrameOutput frameOutput() {
        if (!writes) {
            return null;
        }
        return (buf, offset, size) -> {
            Frames.checkOutgoingSize(size);
            byte[] head = new byte[1 + Frames.HEADER_BYTES];
            head[0] = PipeBroker.MESSAGE;
            Frames.putInt(head, 1, size);
            synchronized (writeLock) {
                if (peerGone) {
                    throw new IOException("Broken pipe");
                }
                writeShielded(ByteBuffer.wrap(head), ByteBuffer.wrap(buf, offset, size));
            }
        };
    }

    /** No descriptor number: Java does not tell a socket channel's (see {@code wire/SocketDescriptor}). */
    @Override
    public int fileno() {
        return -1;
    }

    @Override
    public Reference reference() throws IOException {
        Transfer.checkInheritance("Connection");
        return new Ref(path, reads, writes);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Receives from {@link #arrived}; one receive at a time, as {@link FrameInput} requires. */
    private final class Input implements FrameInput {
        @Override
        public void begin() throws IOException {
            ask();
        }

        @Override
        public void end() {
        }

        @Override
        public int nextLength() throws IOException {
            if (current == null) {
                try {
                    current = arrived.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while receiving");
                }
            }
            if (current == CUT) {
                current = null;
                throw new TruncatedMessage();
            }
            if (current == END) {
                arrived.addFirst(END); // ended stays ended
                current = null;
                if (failure != null && channel.isOpen()) {
                    throw failure;
                }
                return -1;
            }
            return current.length;
        }

        @Override
        public void take(byte[] buf, int offset, int length) {
            System.arraycopy(current, 0, buf, offset, length);
            current = null;
        }

        @Override
        public byte[] take(int length) {
            byte[] taken = current;
            current = null;
            return taken;
        }

        /**
         * True when a message is here or the broker announced one (another holder may claim it
         * first, as on a pipe). Waits for the broker's answer when it polls anew (see
         * {@link #awaitAnswer}); else never.
         */
        @Override
        public boolean ready() throws IOException {
            if (current == null && poll()) {
                awaitAnswer();
            }
            return current != null || readyHere();
        }

        @Override
        public void awaitData() {
            try {
                poll();
                synchronized (state) {
                    while (!available && arrived.isEmpty()) {
                        state.wait();
                    }
                }
            } catch (IOException e) {
                // the receive reports it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A copy in flight: where the broker listens for this end, and what the end may do. */
    private record Ref(String path, boolean reads, boolean writes) implements Reference {
        private static final long serialVersionUID = 1L;

        @Override
        public Endpoint open() throws IOException {
            try {
                return connect(path, reads, writes);
            } catch (IOException e) {
                throw new IOException("cannot open a copy of a pipe end at " + path
                        + ": the process that created the pipe has exited, or every copy is closed ("
                        + e.getMessage() + ")", e);
            }
        }
    }
}
