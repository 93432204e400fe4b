package io.github.mp4j.handles;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a {@link PipeBroker} knows of one pipe: per end, its listening socket, its live copies, the
 * messages queued for its readers, and who asked for them. Owned by the broker's thread; nothing
 * here is touched by another.
 */
final class BrokeredPipe {

    final boolean duplex;
    final EndState[] ends = new EndState[2];

    BrokeredPipe(boolean duplex) {
        this.duplex = duplex;
    }

    static final class EndState {
        final BrokeredPipe pipe;
        final int index;
        final ServerSocketChannel listener;
        final Path path;
        final Set<Copy> copies = new HashSet<>();
        /** Whole frames (header and payload) for this end's readers, oldest first. */
        final ArrayDeque<byte[]> queue = new ArrayDeque<>();
        long queuedBytes;
        /** Copies owed messages ({@link Copy#credits} &gt; 0), in the order they asked. */
        final ArrayDeque<Copy> wanting = new ArrayDeque<>();
        /** Copies that polled and have not been told of a message since. */
        final Set<Copy> polling = new java.util.LinkedHashSet<>();
        /** Writers whose reading stopped because this end's queue is full. */
        final List<Copy> paused = new ArrayList<>();
        /** Whether the last copy has closed: for good, since a copy comes only from a live one. */
        boolean gone;

        EndState(BrokeredPipe pipe, int index, ServerSocketChannel listener, Path path) {
            this.pipe = pipe;
            this.index = index;
            this.listener = listener;
            this.path = path;
        }

        EndState peer() {
            return pipe.ends[1 - index];
        }

        /** Whether this end reads: both ends of a duplex pipe, the first of a one-way one. */
        boolean receives() {
            return pipe.duplex || index == 0;
        }
    }

    static final class Copy {
        final EndState end;
        final SocketChannel channel;
        SelectionKey key;
        final ByteBuffer inbound = ByteBuffer.allocate(PipeBroker.READ_CHUNK);
        /** The message being read from this copy (header included), or null. */
        byte[] frame;
        /** Whether {@link #frame} is one given back ('B') rather than sent ('M'). */
        boolean frameIsBack;
        int filled;
        /** Messages this copy asked for and has not been given. */
        int credits;
        final ArrayDeque<ByteBuffer> outbound = new ArrayDeque<>();
        /** Whether this copy is to be told that the other end is gone, once its outbound is sent. */
        boolean ending;
        /** Whether it has been told. */
        boolean ended;

        Copy(EndState end, SocketChannel channel) {
            this.end = end;
            this.channel = channel;
        }
    }
}
