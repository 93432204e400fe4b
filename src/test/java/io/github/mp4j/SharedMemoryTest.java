package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The named block of the root package (the internal one is tested in {@code handles/}). */
class SharedMemoryTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void theJavadocExampleRuns() throws Exception {
        String name;
        try (SharedMemory shm = SharedMemory.create(1024)) {
            name = shm.name();
            assertTrue(name.matches("psm_[0-9a-f]{16}"), name);
            assertEquals(1024, shm.size());
            shm.buf().putInt(0, 42);
            Process p = new Process(() -> {
                try (SharedMemory same = SharedMemory.attach(shm.name())) {
                    same.buf().putInt(4, same.buf().getInt(0) + 1);
                }
            });
            p.start();
            p.join(BOUND);
            assertEquals(0, p.exitCode());
            assertEquals(43, shm.buf().getInt(4));
            shm.unlink();
        }
        assertFalse(Files.exists(Path.of("/dev/shm", name)), "unlinked");
    }

    @Test
    void anUnrelatedJvmAttachesByName(@TempDir Path dir) throws Exception {
        Path program = dir.resolve("Attach.java");
        Files.writeString(program, String.join("\n",
                "public class Attach {",
                "    public static void main(String[] args) throws Exception {",
                "        try (io.github.mp4j.SharedMemory shm = io.github.mp4j.SharedMemory.attach(args[0])) {",
                "            shm.buf().putLong(8, shm.buf().getLong(0) * 2);",
                "            System.out.println(\"size \" + shm.size());",
                "        }",
                "    }",
                "}"));
        try (SharedMemory shm = SharedMemory.create("mp4j-test-" + UUID.randomUUID(), 100)) {
            shm.buf().putLong(0, 21);
            SeparateJvm.Ended run = SeparateJvm.run(List.of(SeparateJvm.java(), "-cp",
                    SeparateJvm.classPath(e -> e.contains("classes")), program.toString(), "/" + shm.name()), BOUND);
            assertEquals(0, run.exitStatus(), run.toString());
            assertTrue(run.output().contains("size 100"), run.toString());
            assertEquals(42, shm.buf().getLong(8));
            shm.unlink();
        }
    }

    @Test
    void theCreatorsJvmUnlinksAtExitWhatItDidNotUnlink() throws Exception {
        String name = "mp4j-test-" + UUID.randomUUID();
        Queue created = new Queue();
        Process p = new Process(() -> created.put(SharedMemory.create(name, 8).name()));
        p.start();
        assertEquals(name, created.get(BOUND));
        p.join(BOUND);
        assertEquals(0, p.exitCode());
        assertFalse(Files.exists(Path.of("/dev/shm", name)), "the creator's exit removed the name");
    }

    @Test
    void aBlockTravelsByNameInAnyMessage() throws Exception {
        Pipe pipe = Pipe.open();
        try (SharedMemory shm = SharedMemory.create(16); Connection a = pipe.conn1(); Connection b = pipe.conn2()) {
            shm.buf().put(3, (byte) 7);
            a.send(shm);
            try (SharedMemory received = (SharedMemory) b.recv()) {
                assertNotSame(shm, received);
                assertEquals(shm.name(), received.name());
                assertEquals(7, received.buf().get(3));
                received.buf().put(4, (byte) 8);
                assertEquals(8, shm.buf().get(4));
            }
            shm.unlink();
        }
    }

    @Test
    void pythonsErrorsAndLifetime() throws Exception {
        assertEquals("'size' must be a positive number different from zero",
                assertThrows(IllegalArgumentException.class, () -> SharedMemory.create(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SharedMemory.create("a/b", 8));
        assertThrows(IllegalArgumentException.class, () -> SharedMemory.attach("/"));
        assertThrows(NoSuchFileException.class, () -> SharedMemory.attach("mp4j-test-" + UUID.randomUUID()));
        SharedMemory shm = SharedMemory.create(8);
        assertThrows(FileAlreadyExistsException.class, () -> SharedMemory.create(shm.name(), 8));
        SharedMemory attached = SharedMemory.attach(shm.name());
        shm.unlink();
        assertThrows(NoSuchFileException.class, shm::unlink);
        assertThrows(NoSuchFileException.class, () -> SharedMemory.attach(shm.name()));
        attached.buf().put(0, (byte) 1);                // unlinked: the mappings stay
        assertEquals(1, shm.buf().get(0));
        shm.close();
        shm.close();
        assertEquals("shared memory is closed", assertThrows(IllegalStateException.class, shm::buf).getMessage());
        assertEquals("SharedMemory('" + shm.name() + "', size=8, closed, unlinked)", shm.toString());
        assertEquals(1, attached.buf().get(0), "another instance keeps its mapping");
        attached.close();
    }
}
