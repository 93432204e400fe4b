package io.github.mp4j.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
