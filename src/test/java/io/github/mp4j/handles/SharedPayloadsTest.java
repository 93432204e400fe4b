package io.github.mp4j.handles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A pipe's payload slots, at the level of one FIFO's reader and writer. */
class SharedPayloadsTest {

    private static final int MIB = 1024 * 1024;

    /**
     * A reader killed once its read of the FIFO has returned (killed while it waited to run, after
     * the data woke it) took the descriptors with it: their slots stay published with no descriptor
     * on its way. The next reader to wait on the dry FIFO frees them, so large messages go through
     * slots again rather than inline for the rest of the pipe's life.
     */
    @Test
    void slotsWhoseDescriptorsDiedWithAReaderAreFreedWhenTheFifoRunsDry() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Fifo[] ends = Fifo.pipe(false);
            SharedMemory block = SharedReadAhead.createBuffer();
            try {
                SharedReadAhead reader = new SharedReadAhead(block, ends[0].input());
                SharedPayloads writer = new SharedPayloads(block, SharedReadAhead.PAYLOADS, ends[1].output());
                for (int i = 0; i < SharedPayloads.SLOTS; i++) {
                    writer.write(message(i), 0, MIB);
                }
                assertEquals(SharedPayloads.SLOTS, SharedPayloads.published(block, SharedReadAhead.PAYLOADS));
                // what the dead reader's last read took off the FIFO: every descriptor, never buffered
                new DataInputStream(ends[0].input()).readFully(new byte[SharedPayloads.SLOTS * SharedPayloads.DESCRIPTOR_BYTES]);

                CompletableFuture<Void> waiting = CompletableFuture.runAsync(reader::awaitData); // a poll's wait
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (SharedPayloads.published(block, SharedReadAhead.PAYLOADS) > 0) {
                    assertTrue(System.nanoTime() < deadline, "the orphaned slots were never freed");
                    Thread.sleep(10);
                }
                // every slot is free again: these go through them, and nobody reads the FIFO meanwhile
                // (inline, the first would fill the FIFO and the second wait for a reader for ever)
                for (int i = 0; i < SharedPayloads.SLOTS; i++) {
                    writer.write(message(10 + i), 0, MIB);
                }
                waiting.get(10, TimeUnit.SECONDS);
                for (int i = 0; i < SharedPayloads.SLOTS; i++) {
                    reader.begin();
                    try {
                        assertEquals(MIB, reader.nextLength());
                        assertArrayEquals(message(10 + i), reader.take(MIB));
                    } finally {
                        reader.end();
                    }
                }
            } finally {
                for (Fifo end : ends) {
                    end.close(); // a wait still in its read ends at end-of-file
                    end.release();
                }
                block.release();
            }
        });
    }

    private static byte[] message(int seq) {
        byte[] b = new byte[MIB];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + seq);
        }
        return b;
    }
}
