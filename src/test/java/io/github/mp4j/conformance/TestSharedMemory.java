package io.github.mp4j.conformance;

import static io.github.mp4j.conformance.PythonError.FILE_EXISTS_ERROR;
import static io.github.mp4j.conformance.PythonError.FILE_NOT_FOUND_ERROR;
import static io.github.mp4j.conformance.PythonError.VALUE_ERROR;
import static io.github.mp4j.conformance.PythonError.VALUE_ERROR_STATE;
import static io.github.mp4j.conformance.PythonError.assertRaises;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
