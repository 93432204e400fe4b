package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.handles.SharedMemory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An {@link RLock}'s nested holds stay in the holding process: only the outermost acquire and
 * release touch the shared block, as observed through the block itself.
 */
class RLockHoldsTest {

    @Test
    void nestedHoldsOfAValuesLockWriteNothingShared() throws Exception {
        SharedMemory memory = LockedElements.create(int.class, 1, List.of(0), true, "value");
        Value<Integer> value = new Value<>(memory);
        // Everything of the lock but its word: marked while the lock is held; a nested acquire
        // or release that wrote a hold count or an owner there would change a mark.
        long mark = 0x5ca1_ab1e_0000_0000L;
        try (Held held = value.getLock().hold()) {
            for (int at = 8; at < RLock.BYTES; at += 8) {
                memory.set(at, mark + at);
            }
            for (int i = 0; i < 100; i++) {
                value.set(value.get() + 1);
                try (Held nested = value.getLock().hold()) {
                    value.set(value.get() + 1);
                }
            }
            for (int at = 8; at < RLock.BYTES; at += 8) {
                assertEquals(mark + at, memory.get(at), "word at " + at + " after nested holds");
                memory.set(at, 0);
            }
        }
        assertEquals(200, value.get());
        assertEquals(0, memory.get(0), "free after the outermost release");
    }

    @Test
    void rlocksOfOneBlockInOneJvmShareTheirHolds() throws Exception {
        SharedMemory memory = SharedMemory.create(RLock.BYTES);
        RLock first = new RLock(memory);
        RLock second = new RLock(memory);   // as a child gets when the same lock arrives twice
        assertTrue(first.acquire());
        assertTrue(second.acquire(false), "the same thread holds the same lock");
        assertFalse(CompletableFuture.supplyAsync(() -> LockTest.tryAcquire(second)).get(10, TimeUnit.SECONDS));
        second.release();
        first.release();
        assertThrows(IllegalStateException.class, second::release);
        assertTrue(CompletableFuture.supplyAsync(() -> LockTest.tryAcquire(first)).get(10, TimeUnit.SECONDS), "free");
    }
}
