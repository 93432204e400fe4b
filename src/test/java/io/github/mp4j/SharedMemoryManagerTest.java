package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Python's {@code SharedMemoryManager}: every block it made is unlinked when it ends or its program dies. */
class SharedMemoryManagerTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void theJavadocExampleRuns() throws Exception {
        List<Path> files;
        try (SharedMemoryManager smm = SharedMemoryManager.start()) {
            SharedMemory block = smm.sharedMemory(1024);
            ShareableList list = smm.shareableList(List.of(0, 0, 0, 0));
            files = List.of(file(block.name()), file(list.shm().name()));
            List<Process> workers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int slot = i;
                Process p = new Process(() -> list.set(slot, (long) slot * slot));
                p.start();
                workers.add(p);
            }
            for (Process p : workers) {
                p.join(BOUND);
                assertEquals(0, p.exitCode());
            }
            assertEquals(List.of(0L, 1L, 4L, 9L), list);
            assertTrue(Files.exists(files.get(0)) && Files.exists(files.get(1)));
        }
        assertFalse(Files.exists(files.get(0)), "unlinked at close");
        assertFalse(Files.exists(files.get(1)), "unlinked at close");
    }

    @Test
    void shutdownUnlinksEveryBlockClosesThemHereAndEndsTheKeeper() throws Exception {
        Set<Long> before = childPids();
        SharedMemoryManager smm = SharedMemoryManager.start();
        long keeper = onlyNewChild(before);
        SharedMemory block = smm.sharedMemory(8);
        ShareableList list = smm.shareableList(List.of("x"));
        try (SharedMemory attached = SharedMemory.attach(block.name())) {
            smm.shutdown();
            assertFalse(Files.exists(file(block.name())));
            assertFalse(Files.exists(file(list.shm().name())));
            assertFalse(ProcessHandle.of(keeper).map(ProcessHandle::isAlive).orElse(false), "the keeper has ended");
            assertThrows(IllegalStateException.class, block::buf, "closed in the manager's JVM");
            assertThrows(IllegalStateException.class, () -> list.get(0));
            attached.buf().put(0, (byte) 5);      // an attached instance keeps its mapping, as in Python
            assertEquals(5, attached.buf().get(0));
        }
        assertEquals("the shared memory manager has shut down",
                assertThrows(IllegalStateException.class, () -> smm.sharedMemory(8)).getMessage());
        assertThrows(IllegalStateException.class, () -> smm.shareableList(List.of(1)));
        smm.close();                              // again: nothing
        assertEquals("SharedMemoryManager(shut down)", smm.toString());
    }

    @Test
    void aProgramKilledWithSigkillLeavesNoBlockBehind() throws Exception {
        Queue made = new Queue();
        Process p = new Process(() -> {
            Set<Long> before = childPids();
            SharedMemoryManager smm = SharedMemoryManager.start();
            made.put(onlyNewChild(before));
            made.put(smm.sharedMemory(4096).name());
            made.put(smm.shareableList(List.of(1, "two", 3.0)).shm().name());
            Thread.sleep(BOUND.toMillis());       // killed long before
        });
        p.start();
        long keeper = (Long) made.get(BOUND);
        List<Path> files = List.of(file((String) made.get(BOUND)), file((String) made.get(BOUND)));
        assertTrue(Files.exists(files.get(0)) && Files.exists(files.get(1)), "made: " + files);
        p.kill();
        p.join(BOUND);
        assertEquals(-9, p.exitCode());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((Files.exists(files.get(0)) || Files.exists(files.get(1)) || ProcessHandle.of(keeper).isPresent())
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(Files.exists(files.get(0)), "unlinked after the program died");
        assertFalse(Files.exists(files.get(1)), "unlinked after the program died");
        assertFalse(ProcessHandle.of(keeper).isPresent(), "the keeper has ended");
        made.close();
    }

    @Test
    void aDeadKeeperFailsTheNextBlockAndShutdownStillUnlinks() throws Exception {
        Set<Long> before = childPids();
        SharedMemoryManager smm = SharedMemoryManager.start();
        ProcessHandle keeper = ProcessHandle.of(onlyNewChild(before)).orElseThrow();
        SharedMemory block = smm.sharedMemory(8);
        keeper.destroyForcibly();
        keeper.onExit().get(BOUND.toSeconds(), TimeUnit.SECONDS);
        assertThrows(IOException.class, () -> smm.sharedMemory(8));
        assertTrue(Files.exists(file(block.name())), "the keeper died before it could unlink");
        smm.shutdown();
        assertFalse(Files.exists(file(block.name())), "unlinked by the manager's JVM instead");
    }

    @Test
    void badArgumentsMakeNothing() throws Exception {
        try (SharedMemoryManager smm = SharedMemoryManager.start()) {
            assertEquals("'size' must be a positive number different from zero",
                    assertThrows(IllegalArgumentException.class, () -> smm.sharedMemory(0)).getMessage());
            assertThrows(IllegalArgumentException.class, () -> smm.shareableList(List.of(new Object())));
            assertTrue(smm.toString().startsWith("SharedMemoryManager(0 blocks, keeper pid "), smm.toString());
        }
    }

    private static Path file(String name) {
        return Path.of("/dev/shm", name);
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /** The one child process started since {@code before} was taken. */
    private static long onlyNewChild(Set<Long> before) {
        List<Long> added = ProcessHandle.current().children().map(ProcessHandle::pid)
                .filter(pid -> !before.contains(pid)).toList();
        assertEquals(1, added.size(), "new children: " + added);
        return added.get(0);
    }
}
