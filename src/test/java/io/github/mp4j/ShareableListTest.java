package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python's {@code ShareableList}: its items, its typed slots, its layout shared with Python. */
class ShareableListTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void theJavadocExampleRuns() throws Exception {
        String name;
        try (ShareableList list = ShareableList.create(List.of(100, 2.5, "pending", true))) {
            name = list.shm().name();
            Process p = new Process(() -> {
                try (ShareableList same = ShareableList.attach(list.shm().name())) {
                    same.set(0, (Long) same.get(0) - 1);
                    same.set(2, "done");
                }
            });
            p.start();
            p.join(BOUND);
            assertEquals(0, p.exitCode());
            assertEquals("ShareableList([99, 2.5, 'done', true], name='" + name + "')", list.toString());
            list.shm().unlink();
        }
        assertFalse(Files.exists(Path.of("/dev/shm", name)));
    }

    @Test
    void eachItemComesBackAsItsSlotsType() throws Exception {
        byte[] bytes = {1, 0, 2};
        try (ShareableList list = ShareableList.create(Arrays.asList(7L, 3, (short) 4, 2.5, 1.5f, true, "héllo", bytes, null))) {
            assertEquals(9, list.size());
            assertEquals(List.of(7L, 3L, 4L, 2.5, 1.5), list.subList(0, 5), "integers as Long, floating point as Double");
            assertEquals(true, list.get(5));
            assertEquals("héllo", list.get(6));
            assertArrayEquals(bytes, (byte[]) list.get(7));
            assertNull(list.get(8));
            assertEquals("qqqddxxxxxxx?8s8sxxxxxx?x", list.format(), "Python's struct formats");
            list.set(0, Long.MIN_VALUE);
            list.set(1, -1);
            list.set(3, Double.NaN);
            list.set(5, false);
            assertEquals("héllo", list.set(6, ""), "set returns the item it replaces");
            list.set(7, new byte[8]);
            list.set(8, null);
            assertEquals(Arrays.asList(Long.MIN_VALUE, -1L, 4L, Double.NaN, 1.5, false, ""), list.subList(0, 7));
            assertArrayEquals(new byte[0], (byte[]) list.get(7), "trailing zero bytes are dropped, as in Python");
            list.shm().unlink();
        }
    }

    @Test
    void aWrongTypeOrATooLongStringIsATypedError() throws Exception {
        try (ShareableList list = ShareableList.create(Arrays.asList(1, 1.0, false, "12345678", new byte[3], null))) {
            assertEquals("an integer slot cannot hold java.lang.String",
                    assertThrows(ClassCastException.class, () -> list.set(0, "1")).getMessage());
            assertThrows(ClassCastException.class, () -> list.set(0, 1.0));
            assertThrows(ClassCastException.class, () -> list.set(0, null));
            assertThrows(ClassCastException.class, () -> list.set(1, 1));
            assertThrows(ClassCastException.class, () -> list.set(2, 0));
            assertThrows(ClassCastException.class, () -> list.set(3, new byte[1]));
            assertThrows(ClassCastException.class, () -> list.set(4, "x"));
            assertEquals("a null slot cannot hold java.lang.Integer",
                    assertThrows(ClassCastException.class, () -> list.set(5, 0)).getMessage());
            // "12345678" has a slot of 16 bytes; "é" is two bytes in UTF-8
            list.set(3, "x".repeat(16));
            assertEquals("bytes/str item exceeds available storage: 17 bytes for a slot of 16",
                    assertThrows(IllegalArgumentException.class, () -> list.set(3, "x".repeat(17))).getMessage());
            assertThrows(IllegalArgumentException.class, () -> list.set(3, "é".repeat(9)));
            assertThrows(IllegalArgumentException.class, () -> list.set(4, new byte[9]));
            assertEquals("x".repeat(16), list.get(3), "a failed set leaves the item");
            assertThrows(IndexOutOfBoundsException.class, () -> list.get(6));
            assertThrows(IndexOutOfBoundsException.class, () -> list.set(-1, 1));
            list.shm().unlink();
        }
        assertThrows(IllegalArgumentException.class, () -> ShareableList.create(List.of(new Object())));
        assertThrows(IllegalArgumentException.class, () -> ShareableList.create(List.of('c')));
        try (SharedMemory notAList = SharedMemory.create(64)) {
            notAList.buf().putLong(0, Long.MAX_VALUE);
            assertThrows(IllegalArgumentException.class, () -> ShareableList.attach(notAList.name()));
            notAList.unlink();
        }
    }

    @Test
    void countAndIndexOfCompareByValue() throws Exception {
        try (ShareableList list = ShareableList.create(Arrays.asList(1, 2, 1, "a", new byte[] {5}, null, 1.0))) {
            assertEquals(2, list.count(1L));
            assertEquals(0, list.count(1), "an Integer is not a Long, as List.indexOf");
            assertEquals(1, list.count(new byte[] {5}), "byte[] by content");
            assertEquals(1, list.count(null));
            assertEquals(3, list.indexOf("a"));
            assertEquals(4, list.indexOf(new byte[] {5}));
            assertEquals(6, list.indexOf(1.0));
            assertEquals(-1, list.indexOf("b"));
            assertTrue(list.contains(2L));
            list.shm().unlink();
        }
    }

    @Test
    void aListTravelsByNameInATask() throws Exception {
        try (ShareableList list = ShareableList.create(List.of(0L, 0L, 0L))) {
            Process p = new Process(() -> list.set(1, ProcessHandle.current().pid()));
            p.start();
            p.join(BOUND);
            assertEquals(0, p.exitCode());
            assertEquals(p.pid(), list.get(1));
            list.shm().unlink();
        }
    }

    @Test
    void anUnrelatedJvmAttachesByName(@TempDir Path dir) throws Exception {
        Path program = dir.resolve("AttachList.java");
        Files.writeString(program, String.join("\n",
                "public class AttachList {",
                "    public static void main(String[] args) throws Exception {",
                "        try (io.github.mp4j.ShareableList list = io.github.mp4j.ShareableList.attach(args[0])) {",
                "            list.set(0, (Long) list.get(0) * 2);",
                "            System.out.println(\"seen \" + list.get(1));",
                "        }",
                "    }",
                "}"));
        try (ShareableList list = ShareableList.create("mp4j-test-" + UUID.randomUUID(), List.of(21, "from the creator"))) {
            SeparateJvm.Ended run = SeparateJvm.run(List.of(SeparateJvm.java(), "-cp",
                    SeparateJvm.classPath(e -> e.contains("classes")), program.toString(), list.shm().name()), BOUND);
            assertEquals(0, run.exitStatus(), run.toString());
            assertTrue(run.output().contains("seen from the creator"), run.toString());
            assertEquals(42L, list.get(0));
            list.shm().unlink();
        }
    }

    @Test
    void pythonAttachesToAListMadeHereAndTheOtherWayRound(@TempDir Path dir) throws Exception {
        assumeTrue(python() != null, "no python3 on PATH");
        Path script = dir.resolve("sl.py");
        // Python's resource tracker would unlink blocks it attached to at exit: unregister them
        Files.writeString(script, String.join("\n",
                "import sys",
                "from multiprocessing import resource_tracker",
                "from multiprocessing.shared_memory import ShareableList",
                "sl = ShareableList(name=sys.argv[1])",
                "resource_tracker.unregister(sl.shm._name, 'shared_memory')",
                "print('python sees', ascii(list(sl)))",
                "sl[0] = sl[0] + 1",
                "sl[2] = 'ü'",
                "sl.shm.close()",
                "made = ShareableList([7, 1.5, 'from python', False, None, b'xy'])",
                "resource_tracker.unregister(made.shm._name, 'shared_memory')",
                "print('made', made.shm.name)",
                "made.shm.close()",
                ""));
        try (ShareableList list = ShareableList.create(Arrays.asList(41, 2.5, "héllo", true, null, new byte[] {65, 66}))) {
            SeparateJvm.Ended run = SeparateJvm.run(List.of(python(), script.toString(), list.shm().name()), BOUND);
            assertEquals(0, run.exitStatus(), run.toString());
            assertTrue(run.output().contains("python sees [41, 2.5, 'h\\xe9llo', True, None, b'AB']"), run.toString());
            assertEquals(Arrays.asList(42L, 2.5, "ü", true, null), list.subList(0, 5));
            list.shm().unlink();

            String made = run.output().lines().filter(l -> l.startsWith("made ")).findFirst().orElseThrow().substring(5);
            try (ShareableList fromPython = ShareableList.attach(made)) {
                assertEquals(Arrays.asList(7L, 1.5, "from python", false, null), fromPython.subList(0, 5));
                assertArrayEquals(new byte[] {'x', 'y'}, (byte[]) fromPython.get(5));
                fromPython.set(2, "from java");
                assertEquals("from java", fromPython.get(2));
                fromPython.shm().unlink();
            }
        }
    }

    private static String python() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "python3"))) {
                return Path.of(dir, "python3").toString();
            }
        }
        return null;
    }
}
