package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.NotSerializableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The class-wide timeout bounds the waits that have none of their own (Python's {@code get} has none). */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SimpleQueueTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void putGetEmptyClose() throws Exception {
        SimpleQueue q = new SimpleQueue();
        assertTrue(q.empty());
        q.put("a");
        q.put(null);
        assertFalse(q.empty());
        assertEquals("<SimpleQueue(not empty)>", q.toString());
        assertEquals("a", q.get());
        assertNull(q.get());
        assertTrue(q.empty());
        assertThrows(NotSerializableException.class, () -> q.put(new Object()));
        assertTrue(q.empty(), "a refused item is not counted");
        q.close();
        q.close();
        assertEquals("SimpleQueue is closed", assertThrows(IllegalStateException.class, () -> q.put(1)).getMessage());
        assertEquals("SimpleQueue is closed", assertThrows(IllegalStateException.class, q::get).getMessage());
        assertThrows(IllegalStateException.class, q::empty);
        assertEquals("<SimpleQueue(closed)>", q.toString());
    }

    /** The example of {@link SimpleQueue}'s Javadoc. */
    @Test
    void theJavadocExampleRuns() throws Exception {
        SimpleQueue lines = new SimpleQueue();
        Process p = new Process(() -> lines.put("hello from " + ProcessHandle.current().pid()));
        p.start();
        Object line = lines.get();    // waits as long as it takes
        p.join();
        lines.close();
        assertEquals("hello from " + p.pid(), line);
    }

    @Test
    void anItemIsInTheQueueOnceItsPutReturnsEvenIfThePutterExits() throws Exception {
        SimpleQueue q = new SimpleQueue();
        Process p = new Process(() -> q.put("from a child"));
        p.start();
        p.join(BOUND);
        assertEquals(0, p.exitCode());
        assertFalse(q.empty());
        assertEquals("from a child", q.get());
        Process reader = new Process(() -> {
            if (!"to a child".equals(q.get())) {
                System.exit(3);
            }
        });
        reader.start(StartMethod.WARM); // the other start method
        q.put("to a child");
        reader.join(BOUND);
        assertEquals(0, reader.exitCode());
        assertTrue(q.empty());
    }

    @Test
    void messagesOfSeveralWritersNeverInterleave() throws Exception {
        SimpleQueue q = new SimpleQueue();
        int writers = 3;
        int each = 20;
        int size = 200 * 1024; // larger than the pipe, so every put writes in several pieces
        List<Process> started = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            byte id = (byte) w;
            Process writer = new Process(() -> {
                for (int i = 0; i < each; i++) {
                    byte[] message = new byte[size + i];
                    java.util.Arrays.fill(message, id);
                    q.put(message);
                }
            });
            writer.start();
            started.add(writer);
        }
        int[] next = new int[writers];
        for (int n = 0; n < writers * each; n++) {
            byte[] message = (byte[]) q.get();
            int id = message[0];
            for (byte b : message) {
                assertEquals(id, b, "one writer's bytes only");
            }
            assertEquals(size + next[id]++, message.length, "one writer's messages in order");
        }
        for (Process writer : started) {
            writer.join(BOUND);
            assertEquals(0, writer.exitCode());
        }
        assertTrue(q.empty());
    }

    @Test
    void aReaderKilledHoldingTheReadLockDoesNotBlockTheQueue() throws Exception {
        SimpleQueue q = new SimpleQueue();
        KilledWhileBlocked.in(q::get); // holds the read lock while it waits for an item that never comes
        Process writer = new Process(() -> q.put("after"));
        writer.start();
        writer.join(BOUND);
        assertEquals("after", q.get());
    }

    @Test
    @LinuxTransportOnly // the portable broker takes a whole message at once: no put waits inside one
    void aWriterKilledWaitingForTheWriteLockDoesNotBlockTheQueue() throws Exception {
        SimpleQueue q = new SimpleQueue();
        int size = 1024 * 1024; // far more than the pipe holds: its put keeps the write lock until read
        Process holder = new Process(() -> q.put(new byte[size]));
        holder.start();
        while (q.empty()) {
            Thread.sleep(5); // bounded by the class's timeout
        }
        // bytes in the pipe: the holder has the write lock, in the middle of its message
        KilledWhileBlocked.in(() -> q.put("killed while waiting"));
        assertEquals(size, ((byte[]) q.get()).length);
        holder.join(BOUND);
        assertEquals(0, holder.exitCode());
        q.put("after");
        assertEquals("after", q.get());
        assertTrue(q.empty());
    }
}
