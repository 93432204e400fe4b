package io.github.mp4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.mp4j.Manager;
import io.github.mp4j.Process;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * CPython's {@code _TestRemoteManager}: a manager served at a TCP address; another process connects
 * with the address and the key alone and puts into a queue the server holds.
 */
class TestRemoteManager {

    /** CPython's module-level {@code _queue}: the one queue the server hands out. */
    static final LinkedBlockingQueue<Object> QUEUE = new LinkedBlockingQueue<>();

    /** The queue's methods a proxy calls. */
    public interface QueueApi {
        void put(Object item) throws InterruptedException;

        Object poll(long timeout, TimeUnit unit) throws InterruptedException;
    }

    static final List<Object> VALUES = Arrays.asList("hello world", null, true, 2.25, "hall\u00e5 v\u00e4rlden",
            "\u043f\u0440\u0438\u0432\u0456\u0442 \u0441\u0432\u0456\u0442",
            "hall\u00e5 v\u00e4rlden".getBytes(StandardCharsets.ISO_8859_1));

    static byte[] randomKey() {
        byte[] authkey = new byte[32];
        new SecureRandom().nextBytes(authkey);
        return authkey;
    }

    /** What CPython's {@code _putter} does: connects with the address and key alone, and puts {@code item}. */
    static void putFromAnotherProcess(String address, byte[] authkey, Object item) throws Exception {
        try (Manager connected = Manager.connect(address, authkey)) {
            connected.create("get_queue", QueueApi.class).put(item);
        }
    }

    @Test
    void testRemote() throws Exception {
        byte[] authkey = randomKey();
        try (Manager manager = Manager.serve("127.0.0.1:0", authkey)) {
            manager.register("get_queue", () -> QUEUE);
            String address = manager.address();
            Process p = Children.start(null, () -> putFromAnotherProcess(address, authkey, VALUES));

            try (Manager manager2 = Manager.connect(address, authkey)) {
                QueueApi queue = manager2.create("get_queue", QueueApi.class);
                List<?> got = (List<?>) queue.poll(60, TimeUnit.SECONDS);
                assertEquals(VALUES.subList(0, 6), got.subList(0, 6));
                assertArrayEquals((byte[]) VALUES.get(6), (byte[]) got.get(6));
                // CPython's xmlrpclib cannot carry a function; Java's serialization cannot carry a thread
                assertThrows(Exception.class, () -> queue.put(new Thread()));
            }
            Children.joined(p);
        }
    }
}
