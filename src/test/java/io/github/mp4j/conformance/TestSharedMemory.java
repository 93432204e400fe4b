package io.github.mp4j.conformance;

import static io.github.mp4j.conformance.PythonError.FILE_EXISTS_ERROR;
import static io.github.mp4j.conformance.PythonError.FILE_NOT_FOUND_ERROR;
import static io.github.mp4j.conformance.PythonError.VALUE_ERROR;
import static io.github.mp4j.conformance.PythonError.VALUE_ERROR_STATE;
import static io.github.mp4j.conformance.PythonError.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.Process;
import io.github.mp4j.Queue;
import io.github.mp4j.ShareableList;
import io.github.mp4j.SharedMemory;
import io.github.mp4j.SharedMemoryManager;
import io.github.mp4j.StartMethod;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** CPython's {@code _TestSharedMemory}, once per start method. */
@ParameterizedClass(name = "{0}")
@EnumSource(StartMethod.class)
@NotApplicable(method = "test_shared_memory_recreate", reason = "mocks the private name generator "
        + "(_make_filename) to force a collision; mp4j's random names are not replaceable")
@NotApplicable(method = "test_shared_memory_SharedMemoryManager_reuses_resource_tracker", reason = "CPython's "
        + "resource-tracker process; mp4j has none (see TestResourceTracker)")
@NotApplicable(method = "test_shared_memory_untracking", reason = "the track= argument of CPython's resource "
        + "tracker; mp4j has no tracker: a block is unlinked by its creator (see TestResourceTracker)")
@NotApplicable(method = "test_shared_memory_tracking", reason = "see test_shared_memory_untracking")
class TestSharedMemory extends PerStartMethod {

    private static String newName(String prefix) {
        return prefix + ProcessHandle.current().pid();
    }

    private static void write(SharedMemory shm, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes.length; i++) {
            shm.buf().put(i, bytes[i]);
        }
    }

    private static String read(SharedMemory shm, int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = shm.buf().get(i);
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Test
    void testSharedMemoryNameWithEmbeddedNull() throws Exception {
        String name = newName("test01_null");
        SharedMemory sms = SharedMemory.create(name, 512);
        try {
            assertRaises(VALUE_ERROR, () -> SharedMemory.attach(name + "\0a"));
        } finally {
            sms.close();
            sms.unlink();
        }
    }

    @Test
    void testSharedMemoryBasics() throws Exception {
        String name = newName("test01_tsmb");
        SharedMemory sms = SharedMemory.create(name, 512);
        try {
            assertEquals(name, sms.name());
            assertTrue(sms.size() >= 512);
            assertTrue(sms.buf().capacity() >= sms.size());
            assertTrue(sms.toString().contains(sms.name()), sms::toString);
            assertTrue(sms.toString().contains(String.valueOf(sms.size())), sms::toString);

            sms.buf().put(0, (byte) 42);
            assertEquals(42, sms.buf().get(0));
            SharedMemory also = SharedMemory.attach(name);
            assertEquals(42, also.buf().get(0));
            also.close();

            assertRaises(VALUE_ERROR, () -> SharedMemory.create(-2));

            String twice = newName("test01_dblunlink");
            SharedMemory uno = SharedMemory.create(twice, 5000);
            assertTrue(uno.size() >= 5000);
            SharedMemory duo = SharedMemory.attach(twice);
            duo.unlink();
            duo.close();
            uno.close();
            assertRaises(FILE_NOT_FOUND_ERROR, uno::unlink); // a second unlink is an error

            assertRaises(FILE_EXISTS_ERROR, () -> SharedMemory.create(name, 512));
            assertRaises(FILE_NOT_FOUND_ERROR, () -> SharedMemory.attach("test01_notthere"));
        } finally {
            sms.close();
            sms.unlink();
        }
    }

    @Test
    void testInvalidSharedMemoryCreation() {
        assertRaises(VALUE_ERROR, () -> SharedMemory.create(-1));
        assertRaises(VALUE_ERROR, () -> SharedMemory.create(0));
    }

    @Test
    void testSharedMemoryAcrossProcesses() throws Exception {
        SharedMemory sms = SharedMemory.create(512);
        try {
            String name = sms.name();
            Process byName = process(() -> {
                try (SharedMemory local = SharedMemory.attach(name)) {
                    write(local, "howdy");
                }
            });
            byName.setDaemon(true);
            byName.start();
            join(byName);
            assertEquals("howdy", read(sms, 5));

            Process captured = process(() -> write(sms, "HELLO"));
            captured.setDaemon(true);
            captured.start();
            join(captured);
            assertEquals("HELLO", read(sms, 5));
        } finally {
            sms.close();
            sms.unlink();
        }
    }

    @Test
    void testSharedMemorySharedMemoryManagerBasics() throws Exception {
        SharedMemoryManager smm1 = SharedMemoryManager.start();
        List<ShareableList> lol = new ArrayList<>();
        for (int i = 5; i < 10; i++) {
            List<Integer> range = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                range.add(j);
            }
            lol.add(smm1.shareableList(range));
        }
        List<SharedMemory> lom = new ArrayList<>();
        for (int j = 32; j < 128; j += 16) {
            lom.add(smm1.sharedMemory(j));
        }
        ShareableList doppelganger = ShareableList.attach(lol.get(0).shm().name());
        assertEquals(5, doppelganger.size());
        SharedMemory doppelgangerShm = SharedMemory.attach(lom.get(0).name());
        assertTrue(doppelgangerShm.buf().capacity() >= 32);
        String held = lom.get(0).name();
        doppelganger.close();
        doppelgangerShm.close();
        smm1.shutdown();
        assertRaises(FILE_NOT_FOUND_ERROR, () -> SharedMemory.attach(held));
        assertRaises(VALUE_ERROR_STATE, () -> smm1.sharedMemory(9));

        String heldList;
        try (SharedMemoryManager smm2 = SharedMemoryManager.start()) {
            ShareableList sl = smm2.shareableList(List.of("howdy"));
            smm2.sharedMemory(128);
            heldList = sl.shm().name();
        }
        assertRaises(FILE_NOT_FOUND_ERROR, () -> ShareableList.attach(heldList));
    }

    @Test
    @Deliberate("only the keeper's half: CPython also checks that its parent still gets KeyboardInterrupt, "
            + "but SIGINT ends a JVM (it has no KeyboardInterrupt to catch)")
    void testSharedMemorySharedMemoryServerIgnoresSigint() throws Exception {
        try (SharedMemoryManager smm = SharedMemoryManager.start()) {
            String first = smm.shareableList(List.of(0, 1, 2)).shm().name();
            List<ProcessHandle> keepers = ProcessHandle.current().children()
                    .filter(p -> p.info().arguments().map(a -> List.of(a).contains("mp4j-block-keeper")).orElse(false))
                    .toList();
            assertEquals(1, keepers.size(), "one keeper process for one manager");
            java.lang.Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(keepers.get(0).pid())).start();
            assertTrue(kill.waitFor(BOUND.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) && kill.exitValue() == 0);

            assertThrows(java.util.concurrent.TimeoutException.class,
                    () -> keepers.get(0).onExit().get(500, java.util.concurrent.TimeUnit.MILLISECONDS),
                    "the keeper ignores SIGINT");
            String second = smm.shareableList(List.of(3, 4, 5)).shm().name();
            smm.shutdown();
            assertRaises(FILE_NOT_FOUND_ERROR, () -> ShareableList.attach(first));
            assertRaises(FILE_NOT_FOUND_ERROR, () -> ShareableList.attach(second));
        }
    }

    @Test
    @Deliberate("SIGTERM runs the child JVM's shutdown hooks, which unlink the blocks it created, so nothing "
            + "leaks and, with no resource tracker, nothing is reported on stderr")
    void testSharedMemoryCleanedAfterProcessTermination() throws Exception {
        Queue q = new Queue();
        Process p = process(() -> {
            SharedMemory sm = SharedMemory.create(10);
            q.put(sm.name());
            Thread.sleep(100_000);
        });
        p.start();
        String name = (String) q.get(BOUND);
        p.terminate();
        join(p);
        assertRaises(FILE_NOT_FOUND_ERROR, () -> SharedMemory.attach(name));
        q.close();
    }

    /** Java serialization's round trip, Python's {@code pickle.loads(pickle.dumps(obj))}. */
    private static Object roundTrip(Object o) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    private static int serializedLength(Object o) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.size();
    }

    /** Whether {@code e} or one of its causes is a {@link java.nio.file.NoSuchFileException}. */
    private static boolean causedByMissingName(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.file.NoSuchFileException) {
                return true;
            }
        }
        return false;
    }

    @Test
    void testSharedMemoryPickleUnpickle() throws Exception {
        SharedMemory sms = SharedMemory.create(512);
        try {
            write(sms, "pickle");
            SharedMemory sms2 = (SharedMemory) roundTrip(sms);
            assertEquals(sms.name(), sms2.name());
            assertEquals("pickle", read(sms, 6));
            assertEquals("pickle", read(sms2, 6));
            write(sms, "newval");
            assertEquals("newval", read(sms2, 6));
            write(sms2, "oldval");
            assertEquals("oldval", read(sms, 6));
            sms2.close();
        } finally {
            sms.close();
            sms.unlink();
        }
    }

    @Test
    @Deliberate("Java's deserialization reports the failed attach as an InvalidObjectException whose cause is "
            + "the NoSuchFileException (Python's FileNotFoundError)")
    void testSharedMemoryPickleUnpickleDeadObject() throws Exception {
        SharedMemory sms = SharedMemory.create(512);
        write(sms, "pickle");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(sms);
        }
        sms.close();
        sms.unlink();
        Throwable e = assertRaises(PythonError.OS_ERROR, () -> new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray())).readObject());
        assertTrue(causedByMissingName(e), e::toString);
    }

    @Test
    @Deliberate("a slot's type is fixed at creation: set() of another type fails with ClassCastException where "
            + "Python changes the slot's type; indexOf answers -1 where Python's index raises ValueError; Java "
            + "lists take no negative index; a copy sizes its string slots from the items it copies")
    void testSharedMemoryShareableListBasics() throws Exception {
        ShareableList sl = ShareableList.create(java.util.Arrays.asList(
                "howdy", "HoWdY".getBytes(StandardCharsets.US_ASCII), -273.154, 100, null, true, 42));
        try {
            assertTrue(sl.toString().contains(sl.shm().name()), sl::toString);
            assertThrows(IndexOutOfBoundsException.class, () -> sl.get(7));
            assertThrows(IndexOutOfBoundsException.class, () -> sl.set(7, 2));
            String format = sl.format();
            sl.set(0, "howdy");
            assertEquals(format, sl.format());
            assertEquals("8s8sdqxxxxxx?xxxxxxxx?q", sl.format());
            assertEquals(7, sl.size());
            assertEquals(-1, sl.indexOf("100"));
            assertEquals(3, sl.indexOf(100L));
            assertEquals("howdy", sl.get(0));
            assertEquals(true, sl.get(sl.size() - 2));
            assertEquals(42L, sl.get(6));

            sl.set(3, 42);
            assertEquals(42L, sl.get(3));
            assertThrows(ClassCastException.class, () -> sl.set(4, "some")); // a None slot stays None
            assertRaises(VALUE_ERROR, () -> sl.set(0, "far too many"));
            sl.set(0, "encodés"); // exactly 8 bytes of UTF-8
            assertEquals("encodés", sl.get(0));
            assertTrue(java.util.Arrays.equals("HoWdY".getBytes(StandardCharsets.US_ASCII), (byte[]) sl.get(1)));
            assertRaises(VALUE_ERROR, () -> sl.set(0, "encodées")); // 9 bytes
            assertRaises(VALUE_ERROR, () -> sl.set(1, "123456789".getBytes(StandardCharsets.US_ASCII)));

            assertEquals(2, sl.count(42L));
            assertEquals(1, sl.count("HoWdY".getBytes(StandardCharsets.US_ASCII)));
            assertEquals(0, sl.count("adios".getBytes(StandardCharsets.US_ASCII)));

            String duplicateName = newName("test03_duplicate");
            ShareableList copy = ShareableList.create(duplicateName, sl);
            try {
                assertEquals(duplicateName, copy.shm().name());
                // the same items (byte[] compares by identity, so by their text); the copy sizes its string
                // slots from the current items, where Python's copy keeps sl's format
                assertEquals(sl.toString().replace(sl.shm().name(), ""), copy.toString().replace(duplicateName, ""));
                copy.set(6, 77);
                assertEquals(77L, copy.get(6));
                assertEquals(42L, sl.get(6));
                copy.close();
            } finally {
                copy.shm().unlink();
            }

            ShareableList tethered = ShareableList.attach(sl.shm().name());
            tethered.set(6, 880);
            assertEquals(880L, sl.get(6));
            tethered.close();
        } finally {
            sl.close();
            sl.shm().unlink();
        }

        ShareableList empty = ShareableList.create(List.of());
        try {
            assertEquals(0, empty.size());
            assertEquals("", empty.format());
            assertEquals(0, empty.count("any"));
            assertEquals(-1, empty.indexOf(null));
            empty.close();
        } finally {
            empty.shm().unlink();
        }
    }

    @Test
    void testSharedMemoryShareableListPickling() throws Exception {
        ShareableList sl = ShareableList.create(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        ShareableList larger = ShareableList.create(java.util.Collections.nCopies(400, 1));
        try {
            ShareableList deserialized = (ShareableList) roundTrip(sl);
            assertEquals(9L, deserialized.get(9));
            assertTrue(sl != deserialized);
            assertEquals(1L, sl.get(1));
            sl.set(3, 33);
            assertEquals(33L, deserialized.get(3));
            deserialized.set(4, 44);
            assertEquals(44L, sl.get(4));
            assertEquals(serializedLength(sl), serializedLength(larger), "by name, whatever the size");
            deserialized.close();
        } finally {
            sl.close();
            sl.shm().unlink();
            larger.close();
            larger.shm().unlink();
        }
    }

    @Test
    @Deliberate("as for SharedMemory: an InvalidObjectException caused by the NoSuchFileException")
    void testSharedMemoryShareableListPicklingDeadObject() throws Exception {
        ShareableList sl = ShareableList.create(List.of(0, 1, 2));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(sl);
        }
        sl.close();
        sl.shm().unlink();
        Throwable e = assertRaises(PythonError.OS_ERROR, () -> new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray())).readObject());
        assertTrue(causedByMissingName(e), e::toString);
    }
}
