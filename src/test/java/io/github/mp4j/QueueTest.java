package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.handles.SharedMemory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class QueueTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void pythonQueueSemantics() throws Exception {
        Queue q = new Queue();
        assertTrue(q.empty());
        assertEquals(0, q.qsize());
        assertFalse(q.full());
        q.put("a");
        q.put(null);
        q.put(List.of(1, 2));
        assertEquals(3, q.qsize());
        assertFalse(q.empty());
        assertEquals("a", q.get(BOUND));
        assertNull(q.get());
        assertEquals(List.of(1, 2), q.get(true, BOUND));
        assertTrue(q.empty());
        assertThrows(Queue.Empty.class, () -> q.get(Duration.ofMillis(30)));
        assertThrows(Queue.Empty.class, q::getNowait);
        assertThrows(Queue.Empty.class, () -> q.get(false, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> q.get(Duration.ofMillis(-1)));
        assertEquals("'timeout' must be a non-negative number", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> q.put("x", true, Duration.ofMillis(-1)));
        assertThrows(NotSerializableException.class, () -> q.put(new Object()));
        assertEquals(0, q.qsize(), "a refused item is not counted");
        q.close();
        q.close();
        assertEquals("Queue is closed", assertThrows(IllegalStateException.class, () -> q.put(1)).getMessage());
        assertEquals("Queue is closed", assertThrows(IllegalStateException.class, q::get).getMessage());
        assertEquals("Queue is closed", assertThrows(IllegalStateException.class, q::empty).getMessage());
        assertEquals("Queue is closed", assertThrows(IllegalStateException.class, q::qsize).getMessage());
        assertEquals("Queue is closed", assertThrows(IllegalStateException.class, q::full).getMessage());
        assertEquals("<Queue(closed)>", q.toString());
    }

    @Test
    void anInterruptedGetConsumesNothing() throws Exception {
        Queue q = new Queue(1);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> q.get(BOUND));
        q.put("kept");
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> q.put("no room", true, BOUND));
        assertFalse(Thread.interrupted());
        assertEquals("kept", q.get(BOUND));
    }

    @Test
    void aFullBoundedQueueRefusesPuts() throws Exception {
        Queue q = new Queue(2);
        assertEquals(2, q.maxsize());
        q.put(1);
        q.put(2);
        assertTrue(q.full());
        assertThrows(Queue.Full.class, () -> q.put(3, false, null));
        assertThrows(Queue.Full.class, () -> q.putNowait(3));
        assertThrows(Queue.Full.class, () -> q.put(3, true, Duration.ofMillis(30)));
        assertEquals(2, q.qsize());
        assertEquals(1, q.get(BOUND));
        q.put(3, true, BOUND);
        assertEquals(2, q.get(BOUND));
        assertEquals(3, q.get(BOUND));
        assertTrue(q.empty());
        assertFalse(new Queue(-1).full(), "a negative maxsize means unbounded");
    }

    @Test
    void manyProducersAndConsumersInDifferentProcesses() throws Exception {
        int producers = 3;
        int consumers = 3;
        int perProducer = 300;
        Queue work = new Queue(50); // bounded, so producers also wait for room
        Queue results = new Queue();
        List<Process> started = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            Process consumer = new Process(() -> {
                List<List<Integer>> got = new ArrayList<>();
                for (Object item; (item = work.get()) != null; ) {
                    @SuppressWarnings("unchecked")
                    List<Integer> pair = (List<Integer>) item;
                    got.add(pair);
                }
                results.put(new ArrayList<>(got));
            });
            consumer.start();
            started.add(consumer);
        }
        List<Process> producing = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Process producer = new Process(() -> {
                for (int i = 0; i < perProducer; i++) {
                    work.put(List.of(id, i));
                }
            });
            producer.start();
            producing.add(producer);
        }
        for (Process producer : producing) {
            producer.join(BOUND);
            assertEquals(0, producer.exitCode(), "a producer exits only once its items are in the pipe");
        }
        for (int c = 0; c < consumers; c++) {
            work.put(null); // one sentinel per consumer, after every item
        }
        Set<List<Integer>> all = new HashSet<>();
        int total = 0;
        for (int c = 0; c < consumers; c++) {
            @SuppressWarnings("unchecked")
            List<List<Integer>> got = (List<List<Integer>>) results.get(BOUND);
            total += got.size();
            all.addAll(got);
            int[] last = new int[producers];
            Arrays.fill(last, -1);
            for (List<Integer> pair : got) {
                assertTrue(pair.get(1) > last[pair.get(0)], "FIFO per producer, as seen by one consumer");
                last[pair.get(0)] = pair.get(1);
            }
        }
        assertEquals(producers * perProducer, total, "nothing duplicated");
        assertEquals(producers * perProducer, all.size(), "nothing lost");
        for (Process consumer : started) {
            consumer.join(BOUND);
            assertEquals(0, consumer.exitCode());
        }
        assertTrue(work.empty());
        assertTrue(results.empty());
    }

    @Test
    void bigObjectsArriveWholeBetweenSmallOnes() throws Exception {
        Queue q = new Queue();
        int mib = 1024 * 1024;
        List<Process> producers = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            byte fill = (byte) (p + 1);
            producers.add(new Process(() -> {
                for (int i = 0; i < 3; i++) {
                    byte[] big = new byte[4 * mib + i];
                    Arrays.fill(big, fill);
                    q.put(big);
                }
            }));
        }
        producers.add(new Process(() -> {
            for (int i = 0; i < 200; i++) {
                q.put(i);
            }
        }));
        for (Process p : producers) {
            p.start();
        }
        int bigs = 0;
        int nextSmall = 0;
        for (int n = 0; n < 6 + 200; n++) {
            Object item = q.get(BOUND);
            if (item instanceof byte[] big) {
                byte[] expected = new byte[big.length];
                Arrays.fill(expected, big[0]);
                assertArrayEquals(expected, big);
                assertTrue(big.length >= 4 * mib);
                bigs++;
            } else {
                assertEquals(nextSmall++, item);
            }
        }
        assertEquals(6, bigs);
        for (Process p : producers) {
            p.join(BOUND);
            assertEquals(0, p.exitCode());
        }
    }

    @Test
    void aReaderKilledWhileWaitingDoesNotBlockTheQueue() throws Exception {
        for (Queue q : List.of(new Queue(), new JoinableQueue())) {
            KilledWhileBlocked.in(q::get); // holds the read lock while it waits for an item that never comes
            q.put("after");
            assertEquals("after", q.get(BOUND));
            if (q instanceof JoinableQueue joinable) {
                joinable.taskDone(); // the dead reader took no task
                assertTrue(joinable.join(BOUND));
            }
        }
    }

    @Test
    void everyKindOfQueueTravelsOnlyByInheritance() throws Exception {
        for (Object q : List.of(new Queue(), new JoinableQueue(), new SimpleQueue())) {
            try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
                assertThrows(NotSerializableException.class, () -> out.writeObject(q), q.toString());
            }
        }
    }

    @Test
    void nothingIsLeftInSharedMemory() throws Exception {
        Set<String> before = shmFiles();
        List<Object> handles = List.of(new Lock(), new RLock(), new Semaphore(), new Event(), new Queue(3));
        Lock lock = (Lock) handles.get(0);
        Queue q = (Queue) handles.get(4);
        Process p = new Process(() -> {
            lock.acquire();
            q.put("hi");
            lock.release();
        });
        p.start();
        assertEquals("hi", q.get(BOUND));
        p.join(BOUND);
        Set<String> added = new HashSet<>(shmFiles());
        added.removeAll(before);
        if (!added.isEmpty()) {
            Thread.sleep(1000); // another test JVM on this machine may be creating one right now
            added.retainAll(shmFiles());
        }
        assertEquals(Set.of(), added);
        assertTrue(handles.size() == 5);
    }

    private static Set<String> shmFiles() throws IOException {
        Path dir = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(SharedMemory.FILE_PREFIX))
                    .collect(Collectors.toSet());
        }
    }
}
