package io.github.mp4j.handles;

import io.github.mp4j.handles.BrokeredPipe.Copy;
import io.github.mp4j.handles.BrokeredPipe.EndState;

import io.github.mp4j.wire.Frames;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The portable transport's pipes (see {@link io.github.mp4j.platform.Transport}): every copy of a pipe
 * end, in whatever process, is a UNIX-domain socket connection to the broker of the JVM that created
 * the pipe, which counts the copies and passes each message to one reading copy.
 *
 * <p>Implementation overview. One daemon thread per JVM ("mp4j-pipe-broker") runs a {@link Selector}
 * over every pipe this JVM created: per end a listening socket in the {@link PrivateFolder}
 * ({@code p<n>a}, {@code p<n>b}), and one connection per copy ({@link PortableEnd} is the other side).
 * All state below is owned by that thread; other threads only hand it work ({@link #submit}).
 *
 * <pre>
 * copy   → broker  'W'                          want: deliver one more message to this copy
 * copy   → broker  'P'                          poll: say when a message is queued for this end,
 *                                               without giving it (answered after the round's reads)
 * copy   → broker  'M' length:int payload       a message for the other end
 * copy   → broker  'U'                          unwant: withdraw the 'W' still owed, if any
 * copy   → broker  'B' length:int payload       back: a message given to this copy that it did not
 *                                               take, for the head of its end's queue
 * broker → copy    length:int payload           a message, one per 'W'
 * broker → copy    -2:int                       in place of a message whose writer died while
 *                                               sending it ("got end of file during message")
 * broker → copy    -3:int                       the answer to 'U' when the 'W' was still owed; when
 *                                               it was not, its message is on its way instead
 * broker → copy    -4:int                       the answer to a 'P' that found nothing queued
 * broker → copy    -5:int                       a message is queued for this end (once per 'P'):
 *                                               a receive then claims one with 'W'
 * broker → copy    (end of stream)              the other end has no copy left, and nothing is
 *                                               queued for this one: end of file, and "Broken pipe"
 *                                               for later sends
 * </pre>
 *
 * Why a broker keeps the count: Java cannot pass a descriptor to another process, so each copy needs
 * a connection of its own, and the kernel's reference count of one socket no longer says when the
 * last copy of an end has closed. The broker sees every copy connect and close, including a copy in
 * a process killed with SIGKILL (the kernel closes its socket). A copy travels only inside a starting
 * child's task, and the sender keeps its own copy open until the child has connected (see
 * {@link Transfer}); so when an end's count falls to zero, the broker first accepts every connection
 * already queued on that end's listener, and if none is, the end is gone for good. Messages never
 * interleave: each copy sends whole messages on its own connection, and the broker queues them whole.
 * Readers take turns by asking ('W'), so a message goes to a copy that is receiving, never to one
 * that is idle. An end whose queue holds over {@value #QUEUE_LIMIT} bytes stops reading from its
 * writers until a reader has taken half, as a full pipe stops its writers.
 *
 * <p>The broker lives and dies with the creating JVM; so do the processes that can hold the pipe's
 * ends (no child outlives its parent), so a pipe never outlives every reader or writer it could have.
 */
final class PipeBroker {

    static final byte WANT = 'W';
    static final byte MESSAGE = 'M';
    /** The header that stands for a message cut short by its writer's death. */
    static final int TRUNCATED = -2;
    static final byte UNWANT = 'U';
    static final byte BACK = 'B';
    /** The header that answers 'U': the 'W' was withdrawn before a message went out for it. */
    static final int WITHDRAWN = -3;
    static final byte POLL = 'P';
    /** The header that answers a 'P' finding nothing queued; {@link #AVAILABLE} follows when one comes. */
    static final int NONE = -4;
    /** The header that tells a polling copy that a message is queued for its end. */
    static final int AVAILABLE = -5;
    /** Bytes queued for one end before its writers are paused. */
    static final int QUEUE_LIMIT = 1 << 20;
    static final int READ_CHUNK = 64 * 1024;
    private static final AtomicLong PIPES = new AtomicLong();

    private static PipeBroker instance; // guarded by the class

    private final Selector selector;
    private final Queue<Runnable> work = new ConcurrentLinkedQueue<>();
    /** Copies whose 'P' arrived in this round; owned by the broker thread. */
    private final List<Copy> polls = new ArrayList<>();

    private PipeBroker() throws IOException {
        selector = Selector.open();
        Thread thread = new Thread(this::run, "mp4j-pipe-broker");
        thread.setDaemon(true);
        thread.start();
    }

    /** This JVM's broker, started on first use. */
    static synchronized PipeBroker get() throws IOException {
        if (instance == null) {
            instance = new PipeBroker();
        }
        return instance;
    }

    /**
     * Creates a pipe and returns the socket paths of its two ends, to which every copy connects.
     * One-way: the first end only reads, the second only writes.
     */
    Path[] open(boolean duplex) throws IOException {
        long n = PIPES.incrementAndGet();
        BrokeredPipe pipe = new BrokeredPipe(duplex);
        List<ServerSocketChannel> bound = new ArrayList<>(2);
        try {
            for (int e = 0; e < 2; e++) {
                Path path = PrivateFolder.socket("p" + n + (e == 0 ? "a" : "b"));
                ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                bound.add(listener);
                listener.bind(UnixDomainSocketAddress.of(path));
                listener.configureBlocking(false);
                pipe.ends[e] = new EndState(pipe, e, listener, path);
            }
        } catch (IOException | RuntimeException e) {
            for (ServerSocketChannel listener : bound) {
                listener.close();
            }
            throw e;
        }
        submit(() -> {
            for (EndState end : pipe.ends) {
                try {
                    end.listener.register(selector, SelectionKey.OP_ACCEPT, end);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        return new Path[] {pipe.ends[0].path, pipe.ends[1].path};
    }

    private void submit(Runnable task) {
        work.add(task);
        selector.wakeup();
    }

    /* ---------------- the broker thread ---------------- */

    private void run() {
        while (true) {
            try {
                selector.select();
                for (Runnable task; (task = work.poll()) != null; ) {
                    task.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
                answerPolls();
            } catch (IOException | RuntimeException e) {
                // a broken selector would end every pipe: report it, and go on with the next round
                System.err.println("mp4j: pipe broker: " + e);
            }
        }
    }

    private void handle(SelectionKey key) {
        try {
            if (key.attachment() instanceof EndState end) {
                if (key.isAcceptable()) {
                    acceptAll(end);
                }
                return;
            }
            Copy copy = (Copy) key.attachment();
            if (key.isWritable()) {
                flush(copy);
            }
            if (key.isValid() && key.isReadable()) {
                read(copy);
            }
        } catch (CancelledKeyException closedMeanwhile) {
            // its copy was dropped while this round ran
        }
    }

    /** Accepts every connection queued on an end's listener: each is a new copy of the end. */
    private void acceptAll(EndState end) {
        while (true) {
            SocketChannel channel;
            try {
                channel = end.listener.accept();
                if (channel == null) {
                    return;
                }
                channel.configureBlocking(false);
            } catch (IOException e) {
                return; // a listener closed at teardown, or a connection reset before we took it
            }
            Copy copy = new Copy(end, channel);
            try {
                copy.key = channel.register(selector, SelectionKey.OP_READ, copy);
            } catch (IOException e) {
                closeQuietly(channel);
                continue;
            }
            end.copies.add(copy);
            end.gone = false;
            settle(end); // the other end may be gone already
        }
    }

    private void read(Copy copy) {
        int n;
        try {
            n = copy.channel.read(copy.inbound);
        } catch (IOException e) {
            n = -1; // reset by a process that died: the same as a close
        }
        if (n < 0) {
            drop(copy);
            return;
        }
        copy.inbound.flip();
        parse(copy);
        copy.inbound.compact();
    }

    /** Takes the whole requests and messages out of a copy's inbound bytes. */
    private void parse(Copy copy) {
        ByteBuffer in = copy.inbound;
        EndState end = copy.end;
        while (true) {
            if (copy.frame != null) {
                int take = Math.min(in.remaining(), copy.frame.length - copy.filled);
                in.get(copy.frame, copy.filled, take);
                copy.filled += take;
                if (copy.filled < copy.frame.length) {
                    return;
                }
                if (copy.frameIsBack) {
                    end.queue.addFirst(copy.frame);
                    end.queuedBytes += copy.frame.length;
                    dispatch(end);
                    notifyPolling(end);
                } else {
                    deliver(end.peer(), copy.frame, copy);
                }
                copy.frame = null;
                continue;
            }
            if (!in.hasRemaining()) {
                return;
            }
            byte kind = in.get(in.position());
            if (kind == WANT) {
                in.get();
                if (copy.credits++ == 0) {
                    end.wanting.add(copy);
                }
                dispatch(end);
            } else if (kind == POLL) {
                in.get();
                polls.add(copy); // answered once every message readable in this round is queued
            } else if (kind == UNWANT) {
                in.get();
                if (copy.credits > 0) {
                    copy.credits = 0;
                    end.wanting.remove(copy);
                    byte[] withdrawn = new byte[Frames.HEADER_BYTES];
                    Frames.putInt(withdrawn, 0, WITHDRAWN);
                    copy.outbound.add(ByteBuffer.wrap(withdrawn));
                    flush(copy);
                }
            } else if ((kind == MESSAGE || kind == BACK) && in.remaining() >= 1 + Frames.HEADER_BYTES) {
                in.get();
                copy.frameIsBack = kind == BACK;
                int length = in.getInt();
                if (length < 0 || length > Frames.maxMessageBytes()) {
                    drop(copy); // garbage from a process of this user: treat as a close
                    return;
                }
                copy.frame = new byte[Frames.HEADER_BYTES + length];
                Frames.putInt(copy.frame, 0, length);
                copy.filled = Frames.HEADER_BYTES;
            } else if (kind == MESSAGE || kind == BACK) {
                return; // the header is not all here yet
            } else {
                drop(copy);
                return;
            }
        }
    }

    /**
     * Answers the round's polls: a message sent before a poll was written is readable in the same
     * round or an earlier one, so it is queued by now, and the poll sees it.
     */
    private void answerPolls() {
        for (Copy copy : polls) {
            EndState end = copy.end;
            if (!end.copies.contains(copy)) {
                continue;
            }
            if (!end.queue.isEmpty()) {
                tell(copy, AVAILABLE);
            } else {
                end.polling.add(copy);
                tell(copy, NONE);
            }
        }
        polls.clear();
    }

    /** Sends a header-only notice to a copy. */
    private void tell(Copy copy, int notice) {
        byte[] header = new byte[Frames.HEADER_BYTES];
        Frames.putInt(header, 0, notice);
        copy.outbound.add(ByteBuffer.wrap(header));
        flush(copy);
    }

    /** Tells the copies polling {@code end} that a message is queued for it. */
    private void notifyPolling(EndState end) {
        if (end.queue.isEmpty() || end.polling.isEmpty()) {
            return;
        }
        List<Copy> told = new ArrayList<>(end.polling);
        end.polling.clear();
        for (Copy copy : told) {
            tell(copy, AVAILABLE);
        }
    }

    /** Queues a message sent by {@code from} for the copies of {@code target}. */
    private void deliver(EndState target, byte[] frame, Copy from) {
        if (target.gone || !target.receives()) {
            return; // nobody can ever read it; the writer learns "Broken pipe" when its own end settles
        }
        target.queue.add(frame);
        target.queuedBytes += frame.length;
        dispatch(target);
        notifyPolling(target);
        if (target.queuedBytes > QUEUE_LIMIT && from.key.isValid() && from.end.copies.contains(from)) {
            from.key.interestOps(from.key.interestOps() & ~SelectionKey.OP_READ);
            target.paused.add(from);
        }
    }

    /** Gives queued messages to the copies that asked, in the order they asked. */
    private void dispatch(EndState end) {
        while (!end.queue.isEmpty() && !end.wanting.isEmpty()) {
            Copy copy = end.wanting.peek();
            byte[] frame = end.queue.poll();
            end.queuedBytes -= frame.length;
            if (--copy.credits == 0) {
                end.wanting.poll();
            }
            copy.outbound.add(ByteBuffer.wrap(frame));
            flush(copy);
        }
        if (end.queuedBytes <= QUEUE_LIMIT / 2 && !end.paused.isEmpty()) {
            for (Copy writer : end.paused) {
                if (writer.key.isValid()) {
                    writer.key.interestOps(writer.key.interestOps() | SelectionKey.OP_READ);
                }
            }
            end.paused.clear();
        }
        if (end.queue.isEmpty()) {
            settle(end);
        }
    }

    private void flush(Copy copy) {
        try {
            while (!copy.outbound.isEmpty()) {
                ByteBuffer head = copy.outbound.peek();
                copy.channel.write(head);
                if (head.hasRemaining()) {
                    copy.key.interestOps(copy.key.interestOps() | SelectionKey.OP_WRITE);
                    return;
                }
                copy.outbound.poll();
            }
            if (copy.key.isValid()) {
                copy.key.interestOps(copy.key.interestOps() & ~SelectionKey.OP_WRITE);
            }
            if (copy.ending && !copy.ended) {
                copy.ended = true;
                copy.channel.shutdownOutput();
            }
        } catch (IOException e) {
            drop(copy); // its process died: the read side reports the close too
        }
    }

    /**
     * Once the other end of {@code end} is gone and nothing is queued for {@code end}, tells each of
     * its copies so (end of stream), after what it is still owed.
     */
    private void settle(EndState end) {
        if (!end.peer().gone || !end.queue.isEmpty() && end.receives()) {
            return;
        }
        for (Copy copy : new ArrayList<>(end.copies)) { // a flush that fails drops its copy
            if (!copy.ending) {
                copy.ending = true;
                flush(copy);
            }
        }
    }

    /** A copy closed (or its process died): one copy fewer, and maybe the end is gone. */
    private void drop(Copy copy) {
        EndState end = copy.end;
        if (!end.copies.remove(copy)) {
            return;
        }
        if (copy.frame != null && !copy.frameIsBack) { // died inside a message: its reader hears so
            byte[] cut = new byte[Frames.HEADER_BYTES];
            Frames.putInt(cut, 0, TRUNCATED);
            deliver(end.peer(), cut, copy);
            copy.frame = null;
        }
        copy.key.cancel();
        closeQuietly(copy.channel);
        end.wanting.remove(copy);
        end.polling.remove(copy);
        end.peer().paused.remove(copy);
        if (!end.copies.isEmpty()) {
            return;
        }
        acceptAll(end); // a copy that connected before the last one closed is a copy all the same
        if (!end.copies.isEmpty()) {
            return;
        }
        end.gone = true;
        end.queue.clear();
        end.queuedBytes = 0;
        if (end.peer().gone) {
            teardown(end.pipe);
        } else {
            settle(end.peer());
        }
    }

    private void teardown(BrokeredPipe pipe) {
        for (EndState end : pipe.ends) {
            SelectionKey key = end.listener.keyFor(selector);
            if (key != null) {
                key.cancel();
            }
            closeQuietly(end.listener);
            try {
                Files.deleteIfExists(end.path);
            } catch (IOException ignored) {
                // left to the private folder's deletion at exit
            }
        }
    }

    private static void closeQuietly(java.io.Closeable channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // released either way
        }
    }
}
