package io.github.mp4j.handles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.Eventually;
import io.github.mp4j.OpenDescriptors;
import io.github.mp4j.wire.ObjectCodec;
import java.io.IOException;
import java.io.NotSerializableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SharedMemoryTest {

    /** This JVM's descriptors that point at mp4j shared memory, by number. */
    private static Map<Integer, String> shmDescriptors() throws IOException {
        Map<Integer, String> found = new HashMap<>();
        try (Stream<Path> links = Files.list(Path.of("/proc/self/fd"))) {
            for (Path link : (Iterable<Path>) links::iterator) {
                try {
                    String target = Files.readSymbolicLink(link).toString();
                    if (target.contains(SharedMemory.FILE_PREFIX)) {
                        found.put(Integer.parseInt(link.getFileName().toString()), target);
                    }
                } catch (IOException closedMeanwhile) {
                    // the directory stream's own descriptor, or one closed while we looked
                }
            }
        }
        return found;
    }

    @Test
    void theFileIsDeletedAtOnceAndMappedOncePerJvm() throws Exception {
        Map<Integer, String> before = shmDescriptors();
        SharedMemory block = SharedMemory.create(20);
        assertEquals(24, block.size(), "rounded up to whole slots");
        Map<Integer, String> added = shmDescriptors();
        added.keySet().removeAll(before.keySet());
        assertEquals(1, added.size());
        int fd = added.keySet().iterator().next();
        assertTrue(added.get(fd).endsWith(" (deleted)"), added.get(fd));

        assertThrows(NotSerializableException.class, () -> ObjectCodec.serialize(block));
        byte[] inFlight = Transfer.whileStartingChild(() -> ObjectCodec.serialize(block));
        assertSame(block, ObjectCodec.deserialize(inFlight), "a block already mapped here is reused");
        assertSame(block, ObjectCodec.deserialize(inFlight));
        Map<Integer, String> after = shmDescriptors();
        after.keySet().removeAll(before.keySet());
        assertEquals(1, after.size(), "still one descriptor for the block");
    }

    @Test
    void twoMappingsOfOneFileSeeEachOthersCompareAndSet() throws Exception {
        Map<Integer, String> before = shmDescriptors();
        SharedMemory block = SharedMemory.create(16);
        Map<Integer, String> added = shmDescriptors();
        added.keySet().removeAll(before.keySet());
        int fd = added.keySet().iterator().next();
        // what another process does: open /proc/<holder>/fd/<n>; a new id forces a second mapping
        SharedMemory other = SharedMemory.open("another-id", 16, ProcessHandle.current().pid(), fd);
        assertNotSame(block, other);
        assertTrue(block.compareAndSet(8, 0, 42));
        assertEquals(42, other.get(8));
        assertEquals(42, other.getAndAdd(8, 1));
        assertEquals(43, block.get(8));
        assertThrows(IndexOutOfBoundsException.class, () -> block.get(4));
        assertThrows(IndexOutOfBoundsException.class, () -> block.get(16));
        assertThrows(IllegalArgumentException.class, () -> SharedMemory.create(0));
    }

    @Test
    void processTokensTellLiveFromDead() throws Exception {
        assertEquals(ProcessHandle.current().pid(), ProcessToken.pid(ProcessToken.SELF));
        assertTrue(!ProcessToken.isDead(ProcessToken.SELF));
        java.lang.Process child = new ProcessBuilder("sleep", "30").start();
        try {
            long token = ProcessToken.of(child.pid(), startTimeOf(child.pid()));
            assertTrue(!ProcessToken.isDead(token), "a live process");
            assertTrue(ProcessToken.isDead(token + 1), "same pid, another start time: a reused pid");
        } finally {
            child.destroyForcibly().waitFor();
        }
        assertTrue(ProcessToken.isDead(ProcessToken.of(child.pid(), 0)), "an exited process");
    }

    @Test
    void aProcessWatchSeesTheZombieAndTheReapedProcessAndSurvivesAnInterrupt() throws Exception {
        try (ProcessWatch self = ProcessWatch.open(ProcessToken.SELF)) {
            assertTrue(!self.isDead());
        }
        java.lang.Process child = new ProcessBuilder("sleep", "30").start();
        try {
            long token = ProcessToken.of(child.pid(), startTimeOf(child.pid()));
            try (ProcessWatch watch = ProcessWatch.open(token); ProcessWatch same = ProcessWatch.open(token);
                 ProcessWatch reused = ProcessWatch.open(token + 1)) {
                assertSame(watch, same, "one watch per process");
                assertTrue(!watch.isDead(), "a live process");
                Thread.currentThread().interrupt();
                assertTrue(!watch.isDead(), "an interrupted reader still sees it alive");
                assertTrue(Thread.interrupted(), "and the interrupt stays for its owner");
                assertTrue(!watch.isDead(), "the watch still works after the interrupt");
                assertTrue(reused.isDead(), "same pid, another start time: a reused pid");
                // the JDK's reaper thread reaps it at once: the watch sees a zombie or a process gone
                child.destroyForcibly();
                assertTrue(Eventually.holds(Duration.ofSeconds(10), Duration.ofMillis(5), watch::isDead), "a killed process");
            }
        } finally {
            child.destroyForcibly().waitFor();
        }
        try (ProcessWatch gone = ProcessWatch.open(ProcessToken.of(child.pid(), 0))) {
            assertTrue(gone.isDead(), "a process gone before the watch");
        }
    }

    @Test
    void aProcessWatchKeepsItsDescriptorUntilItsLastHolderClosesItAndStillAnswersAfterwards() throws Exception {
        java.lang.Process child = new ProcessBuilder("sleep", "30").start();
        String stat = "/proc/" + child.pid() + "/stat";
        try {
            long token = ProcessToken.of(child.pid(), startTimeOf(child.pid()));
            ProcessWatch first = ProcessWatch.open(token);
            ProcessWatch second = ProcessWatch.open(token);
            assertTrue(!first.isDead());
            assertEquals(1, OpenDescriptors.targets(stat).size(), "one descriptor for both holders");
            first.close();
            assertEquals(1, OpenDescriptors.targets(stat).size(), "the other holder still watches");
            assertTrue(!second.isDead());
            second.close();
            assertEquals(0, OpenDescriptors.targets(stat).size(), "closed with the last holder");
            assertTrue(!first.isDead(), "a closed watch still tells a live process");
            child.destroyForcibly().waitFor();
            assertTrue(first.isDead(), "and a dead one");
            assertEquals(0, OpenDescriptors.targets(stat).size());
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void aPipesBuffersLetGoOfTheirDescriptorsWithTheLastEndThatUsesThem() throws Exception {
        Map<Integer, String> before = shmDescriptors();
        Fifo[] ends = Fifo.pipeWithReadAhead(true);
        Map<Integer, String> buffers = shmDescriptors();
        buffers.entrySet().removeIf(e -> e.getValue().equals(before.get(e.getKey())));
        assertEquals(2, buffers.size(), "one buffer per reading end: " + buffers);
        ends[0].close();
        ends[0].release();
        assertTrue(shmDescriptors().entrySet().containsAll(buffers.entrySet()),
                "the other end still reads one and writes into the other");
        ends[1].close();
        assertTrue(shmDescriptors().entrySet().containsAll(buffers.entrySet()),
                "a closed end may still have a receive under way until it releases them");
        ends[1].release();
        ends[1].release();
        Map<Integer, String> after = shmDescriptors();
        for (Map.Entry<Integer, String> buffer : buffers.entrySet()) {
            assertTrue(!buffer.getValue().equals(after.get(buffer.getKey())),
                    "closed with the last end, not when collected: " + buffer);
        }
        IOException refused = assertThrows(IOException.class,
                () -> Transfer.whileStartingChild(() -> ObjectCodec.serialize(ends[1].reference())));
        assertTrue(refused.getMessage().contains("have all closed"), "a released buffer cannot travel: " + refused);
    }

    private static long startTimeOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19]);
    }

    @Test
    void allocatingPagesThroughTheFileKeepsTheRestAndChecksTheRange() throws Exception {
        SharedMemory block = SharedMemory.create(3 * 4096);
        block.set(0, 42);
        block.allocate(4096, 2 * 4096);
        assertEquals(42, block.get(0), "bytes outside the range stay");
        byte[] page = new byte[2 * 4096];
        block.read(4096, page, 0, page.length);
        assertEquals(0, java.util.stream.IntStream.range(0, page.length).filter(i -> page[i] != 0).count());
        assertThrows(IndexOutOfBoundsException.class, () -> block.allocate(4096, 3 * 4096));
        assertThrows(IndexOutOfBoundsException.class, () -> block.allocate(-1, 8));
    }
}
