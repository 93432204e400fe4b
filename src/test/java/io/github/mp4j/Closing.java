package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InvalidObjectException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.function.ThrowingSupplier;

/** The contract of {@code close()} on the shared-memory primitives: Lock, RLock, Semaphore, Event. */
final class Closing {

    private Closing() {}

    /**
     * Creates {@code count} primitives, closes them all, and asserts that their shared memory
     * descriptors, and from Java 22 on their mappings, are gone at once.
     *
     * @return the primitives, closed
     */
    static <T extends AutoCloseable> List<T> freesMemoryAtOnce(int count, ThrowingSupplier<T> create) throws Throwable {
        Set<String> blocksBefore = new HashSet<>(OpenDescriptors.targets(OpenDescriptors.SHARED_MEMORY));
        Set<String> mappedBefore = OpenDescriptors.mappings(OpenDescriptors.SHARED_MEMORY);
        List<T> primitives = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            primitives.add(create.get());
        }
        Set<String> blocks = new HashSet<>(OpenDescriptors.targets(OpenDescriptors.SHARED_MEMORY));
        blocks.removeAll(blocksBefore);
        Set<String> mapped = OpenDescriptors.mappings(OpenDescriptors.SHARED_MEMORY);
        mapped.removeAll(mappedBefore);
        assertEquals(count, blocks.size());
        assertEquals(count, mapped.size());
        for (T primitive : primitives) {
            primitive.close();
        }
        assertTrue(Collections.disjoint(OpenDescriptors.targets(OpenDescriptors.SHARED_MEMORY), blocks),
                "still open: " + blocks);
        if (Runtime.version().feature() >= 22) { // before, only the garbage collector unmaps
            assertTrue(Collections.disjoint(OpenDescriptors.mappings(OpenDescriptors.SHARED_MEMORY), mapped),
                    "still mapped: " + mapped);
        }
        return primitives;
    }

    /**
     * Asserts what holds for a closed primitive: closing again is harmless, each of {@code uses}
     * throws IllegalStateException "{@code name} is closed", toString says
     * {@code <Kind(closed)>}, and a Process task cannot capture it.
     */
    static void assertClosed(AutoCloseable closed, String name, Executable... uses) throws Exception {
        closed.close();
        for (Executable use : uses) {
            assertEquals(name + " is closed", assertThrows(IllegalStateException.class, use).getMessage());
        }
        assertEquals("<" + closed.getClass().getSimpleName() + "(closed)>", closed.toString());
        assertThrows(InvalidObjectException.class, () -> new Process(closed::close).start());
    }
}
