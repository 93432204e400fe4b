package io.github.mp4j.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import io.github.mp4j.spawn.ChildTask;
import io.github.mp4j.spawn.TaskMessage;
import io.github.mp4j.spawn.TaskMessageTest;
import io.github.mp4j.wire.Parts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A pool's private pipe: batched writes and read-ahead keep every message whole, in order, and up to EOF. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PrivateEndTest {

    private static byte[] message(int i) {
        byte[] m = new byte[i % 50];
        for (int k = 0; k < m.length; k++) {
            m[k] = (byte) (i + k);
        }
        return m;
    }

    @Test
    void aBatchArrivesWholeAndReadAheadKeepsEveryMessageUntilEndOfFile() throws Exception {
        PrivateEnd[] ends = PrivateEnd.pipe();
        try (PrivateEnd reader = ends[1]) {
            try (PrivateEnd writer = ends[0]) {
                for (int i = 0; i < 200; i++) {
                    byte[] m = message(i);
                    writer.send(m, 0, m.length); // one batch: nothing reaches the pipe before flush
                }
                writer.flush();
                writer.sendNow(new byte[0]);
            }
            // the writer's end is closed: what was written must still come out, then end of file
            for (int i = 0; i < 200; i++) {
                assertArrayEquals(message(i), reader.recv(), "message " + i);
            }
            assertArrayEquals(new byte[0], reader.recv(), "an empty message");
            assertThrows(EOFException.class, reader::recv);
            assertThrows(EOFException.class, reader::recv, "end of file stays");
        }
    }

    /** What a worker's task looks like to {@link TaskMessage}: a ChildTask carrying a WorkerLoop. */
    record Carrier(WorkerLoop loop) implements ChildTask, Parts {
        private Carrier(Object[] parts) {
            this((WorkerLoop) parts[0]);
        }

        @Override
        public Object[] parts() {
            return new Object[] {loop};
        }

        @Override
        public int run() {
            return 0;
        }
    }

    @Test
    void aWorkersLoopTravelsAsPartsAndItsCopyOfTheEndWorks() throws Exception {
        PrivateEnd[] ends = PrivateEnd.pipe();
        Object[] parts;
        try (PrivateEnd theirs = ends[1]) {
            byte[] body = TaskMessage.encode(new Carrier(new WorkerLoop(theirs, null, 3, 64L << 20)));
            assertFalse(TaskMessageTest.hasJavaSerializationMagic(body), "a worker's loop needs no Java serialization stream");
            // the copy opens while the original is held, as a child's does before start() returns
            // (here in this same process, through /proc/self/fd)
            parts = ((Carrier) TaskMessage.decode(body)).loop().parts();
        }
        // the original of the worker's end is closed: the pipe now stays open through the copy alone
        try (PrivateEnd pool = ends[0]; PrivateEnd worker = (PrivateEnd) parts[0]) {
            assertEquals(null, parts[1]);
            assertEquals(3, parts[2]);
            assertEquals(64L << 20, parts[3]);
            pool.sendNow(message(7));
            assertArrayEquals(message(7), worker.recv());
            worker.sendNow(message(9));
            assertArrayEquals(message(9), pool.recv());
        }
    }

    @Test
    void messagesLargerThanTheBufferAndSmallOnesInterleave() throws Exception {
        PrivateEnd[] ends = PrivateEnd.pipe();
        try (PrivateEnd writer = ends[0]; PrivateEnd reader = ends[1]) {
            byte[] big = new byte[1 << 20];
            for (int k = 0; k < big.length; k++) {
                big[k] = (byte) (k * 31);
            }
            CompletableFuture<List<byte[]>> received = CompletableFuture.supplyAsync(() -> {
                List<byte[]> got = new ArrayList<>();
                try {
                    for (int i = 0; i < 6; i++) {
                        got.add(reader.recv());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return got;
            });
            for (int i = 0; i < 3; i++) {
                writer.send(new byte[] {(byte) i}, 0, 1);
                writer.send(big, 0, big.length);
            }
            writer.flush();
            List<byte[]> got = received.get(30, TimeUnit.SECONDS);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(new byte[] {(byte) i}, got.get(2 * i));
                assertArrayEquals(big, got.get(2 * i + 1));
            }
            // both directions work: the pipe is duplex
            reader.sendNow(new byte[] {42});
            assertEquals(42, writer.recv()[0]);
        }
    }
}
