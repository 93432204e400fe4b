package io.github.mp4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Ignite 2.17 leaves a TLS read undecrypted when it fills its decryption buffer to the last byte
 * (see {@code cluster.TlsContext}): a message of one unlucky size then waits, unread, for the next
 * one on its connection, and a Manager write that sent it hangs in its commit. This writes a shared
 * object one byte bigger at a time across the sizes where that buffer fills (a TLS record, 16 KiB,
 * and a little more), each write bounded.
 */
@Timeout(400)
class ClusterTlsMessageSizeTest {

    /** From below one full TLS record to past the decryption buffer's first size (~16.7 KB). */
    private static final int FIRST_SIZE = 16_200;
    private static final int LAST_SIZE = 17_000;
    private static final long WRITE_BOUND_S = 30;

    @Test
    void managerWritesOfEverySizeAroundOneTlsRecordComplete() throws Exception {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (Cluster cluster = ClusterTlsTest.startLocalWithTls(1);
             Manager manager = Manager.on(cluster)) {
            assertTrue(cluster.tlsFolder().isPresent(), "the cluster speaks TLS");
            DictProxy<String, byte[]> d = manager.dict();
            for (int size = FIRST_SIZE; size <= LAST_SIZE; size++) {
                byte[] value = new byte[size];
                value[size - 1] = (byte) size;
                Future<?> write = writer.submit(() -> d.put("v", value));
                try {
                    write.get(WRITE_BOUND_S, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    fail("a write of a " + size + "-byte value did not complete within " + WRITE_BOUND_S + " s");
                }
            }
            byte[] last = new byte[LAST_SIZE];
            last[LAST_SIZE - 1] = (byte) LAST_SIZE;
            assertArrayEquals(last, d.get("v"));
        } finally {
            writer.shutdownNow();
        }
    }
}
