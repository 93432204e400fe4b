package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.NotSerializableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ValueTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void everyPrimitiveTypeRoundTripsThroughAChild() throws Exception {
        List<Value<?>> values = List.of(new Value<>(boolean.class, true), new Value<>(byte.class, (byte) -7),
                new Value<>(char.class, 'é'), new Value<>(short.class, (short) -300),
                new Value<>(int.class, Integer.MIN_VALUE + 1), new Value<>(long.class, Long.MAX_VALUE - 1),
                new Value<>(float.class, 1.5f), new Value<>(double.class, Math.PI));
        RawValue<Character> raw = new RawValue<>(Character.class, 'x');
        Queue seen = new Queue();
        Process p = new Process(() -> {
            List<Object> read = new ArrayList<>();
            for (Value<?> v : values) {
                read.add(v.get());
            }
            read.add(raw.get());
            seen.put(read);
            setAll(values, false, (byte) 127, '\uFFFF', Short.MIN_VALUE, -1, Long.MIN_VALUE, Float.NaN, -0.0);
            raw.set('y');
        });
        p.start();
        assertEquals(List.of(true, (byte) -7, 'é', (short) -300, Integer.MIN_VALUE + 1, Long.MAX_VALUE - 1,
                1.5f, Math.PI, 'x'), seen.get(BOUND));
        p.join(BOUND);
        assertEquals(0, p.exitCode());
        List<Object> now = new ArrayList<>();
        values.forEach(v -> now.add(v.get()));
        assertEquals(List.of(false, (byte) 127, '\uFFFF', Short.MIN_VALUE, -1, Long.MIN_VALUE, Float.NaN, -0.0), now);
        assertEquals('y', raw.get());
        assertEquals("<Value(char, \uFFFF)>", values.get(2).toString());
        assertEquals("<RawValue(char, y)>", raw.toString());
        assertEquals(0, new Value<>(int.class).get());
        assertEquals(false, new RawValue<>(boolean.class).get());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void setAll(List<Value<?>> values, Object... updates) {
        for (int i = 0; i < updates.length; i++) {
            ((Value) values.get(i)).set(updates[i]);
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS) // 20 JVM starts on a loaded 2-CPU machine
    void childrenDecrementACountUnderItsLockToExactlyZero() throws Exception {
        // The notes' counter: every child waits for "go", so all of them race at once and a
        // read-then-write without the lock would lose updates.
        int children = 20;
        int each = 50;
        Value<Integer> count = new Value<>(int.class, children * each);
        Event go = new Event();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < children; i++) {
            Process p = new Process(() -> {
                if (!go.await(Duration.ofMinutes(4))) {
                    throw new IllegalStateException("never told to go");
                }
                for (int k = 0; k < each; k++) {
                    try (Held held = count.getLock().hold()) {     // Python: with count.get_lock():
                        int value = count.get();
                        Thread.yield();
                        count.set(value - 1);
                    }
                }
            });
            p.start();
            processes.add(p);
        }
        go.set();
        for (Process p : processes) {
            p.join(Duration.ofMinutes(4));
            assertEquals(0, p.exitCode(), p.toString());
        }
        assertEquals(0, count.get());
    }

    @Test
    void aRawValueIsSeenByAnotherProcessWithoutALock() throws Exception {
        RawValue<Long> ping = new RawValue<>(long.class);
        RawValue<Long> pong = new RawValue<>(long.class);
        Process p = new Process(() -> {
            long deadline = System.nanoTime() + BOUND.toNanos();
            for (long round = 1; round <= 1000; round++) {
                while (ping.get() != round) {                   // a busy read: must see the parent's write
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("never saw round " + round);
                    }
                }
                pong.set(round);
            }
        });
        p.start();
        long deadline = System.nanoTime() + BOUND.toNanos();
        for (long round = 1; round <= 1000; round++) {
            ping.set(round);
            while (pong.get() != round) {
                assertTrue(System.nanoTime() < deadline, "the child never answered round " + round);
            }
        }
        p.join(BOUND);
        assertEquals(0, p.exitCode());
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aChildKilledHoldingTheLockLetsTheOthersGoOn() throws Exception {
        Value<Integer> count = new Value<>(int.class, 100);
        Event held = new Event();
        Process holder = new Process(() -> {
            count.getLock().acquire();
            count.set(count.get() - 1);                           // done, but never released
            held.set();
            Thread.sleep(120_000);
        });
        holder.start();
        assertTrue(held.await(BOUND));
        assertFalse(count.getLock().acquire(false), "held by a live process");
        List<Process> others = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Process p = new Process(() -> {
                for (int k = 0; k < 10; k++) {
                    try (Held h = count.getLock().hold()) {
                        count.set(count.get() - 1);
                    }
                }
            });
            p.start();
            others.add(p);
        }
        holder.kill();
        holder.join(BOUND);
        assertEquals(-9, holder.exitCode());
        for (Process p : others) {
            p.join(Duration.ofSeconds(60));
            assertEquals(0, p.exitCode(), p.toString());
        }
        assertEquals(100 - 1 - 4 * 10, count.get(), "the dead holder's decrement and the others' 40");
        assertTrue(count.getLock().acquire(false), "free again");
        count.getLock().release();
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void twoValuesAndAnArrayShareTheLockTheyAreGiven() throws Exception {
        // Python: lock = RLock(); a = Value('i', 100, lock=lock); b = Value('i', 0, lock=lock)
        RLock lock = new RLock();
        Value<Integer> from = new Value<>(int.class, 100, lock);
        Value<Integer> to = new Value<>(int.class, 0, lock);
        Array<Long> moves = new Array<>(long.class, 4, lock);
        assertTrue(from.getLock() == lock && to.getLock() == lock && moves.getLock() == lock);
        Event go = new Event();
        List<Process> movers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int id = i;
            Process p = new Process(() -> {
                if (!go.await(Duration.ofMinutes(3))) {
                    throw new IllegalStateException("never told to go");
                }
                for (int k = 0; k < 25; k++) {
                    try (Held held = from.getLock().hold()) {   // one hold guards all three
                        int taken = from.get();
                        Thread.yield();
                        from.set(taken - 1);
                        to.set(to.get() + 1);
                        moves.set(id, moves.get(id) + 1);
                        if (from.get() + to.get() != 100) {
                            throw new IllegalStateException("seen half-moved");
                        }
                    }
                }
            });
            p.start();
            movers.add(p);
        }
        go.set();
        for (Process p : movers) {
            p.join(Duration.ofMinutes(3));
            assertEquals(0, p.exitCode(), p.toString());
        }
        assertEquals(0, from.get());
        assertEquals(100, to.get());
        assertEquals(List.of(25L, 25L, 25L, 25L), moves.toList());
        lock.acquire();
        assertEquals(false, CompletableFuture.supplyAsync(() -> tryLock(to)).get(10, TimeUnit.SECONDS),
                "to's lock is the one this thread holds");
        lock.release();
        assertThrows(NullPointerException.class, () -> new Value<>(int.class, 1, null));
        assertThrows(NullPointerException.class, () -> new Array<>(int.class, 2, null));
    }

    @Test
    void aValueOverAPlainLockIsReadRawInsideTheHold() throws Exception {
        Lock lock = new Lock();
        Value<Integer> count = new Value<>(int.class, 7, lock);
        Array<Integer> pair = new Array<>(int.class, List.of(1, 2), lock);
        count.set(count.get() + 1);                                   // each access takes the lock
        try (Held held = count.getLock().hold()) {
            RawValue<Integer> raw = count.getObj();                   // Python: count.get_obj()
            raw.set(raw.get() * 10);                                  // no lock: the non-reentrant one is held
            RawArray<Integer> rawPair = pair.getObj();
            rawPair.set(1, rawPair.get(0) + rawPair.get(1));
            assertFalse(lock.acquire(false));
        }
        assertEquals(80, count.get());
        assertEquals(List.of(1, 3), pair.toList());
        assertTrue(lock.acquire(false), "every access released it");
        lock.release();
        count.close();
        assertTrue(lock.acquire(false), "closing the value leaves the user's lock open");
    }

    @Test
    void getObjIsTheSameMemoryHereAndInAChild() throws Exception {
        Value<Long> own = new Value<>(long.class, 1L);
        Value<Long> shared = new Value<>(long.class, 2L, new RLock());
        Array<Double> array = new Array<>(double.class, List.of(0.5, 1.5));
        RawValue<Long> rawOwn = own.getObj();
        RawValue<Long> rawShared = shared.getObj();
        RawArray<Double> rawArray = array.getObj();
        assertEquals("<RawValue(long, 1)>", rawOwn.toString());
        Process p = new Process(() -> {
            rawOwn.set(rawOwn.get() + 10);          // raw views travel, at their place in the block
            rawShared.set(rawShared.get() + 20);
            rawArray.set(1, rawArray.get(1) * 2);
            shared.set(shared.get() + 100);         // and the value itself beside them
        });
        p.start();
        p.join(BOUND);
        assertEquals(0, p.exitCode());
        assertEquals(11L, own.get());
        assertEquals(122L, shared.get());
        assertEquals(List.of(0.5, 3.0), array.toList());
        own.close();
        assertEquals("value is closed", assertThrows(IllegalStateException.class, rawOwn::get).getMessage(),
                "closed together with its value");
        assertEquals("value is closed", assertThrows(IllegalStateException.class, own::getObj).getMessage());
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aChildKilledHoldingAGivenLockLetsTheOthersGoOn() throws Exception {
        Lock lock = new Lock();
        Value<Integer> count = new Value<>(int.class, 10, lock);
        Event held = new Event();
        Process holder = new Process(() -> {
            lock.acquire();
            count.getObj().set(count.getObj().get() - 1);
            held.set();
            Thread.sleep(120_000);
        });
        holder.start();
        assertTrue(held.await(BOUND));
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(count::get);
        Thread.sleep(100);
        assertFalse(reader.isDone(), "waits for the live holder");
        holder.kill();
        holder.join(BOUND);
        assertEquals(9, reader.get(BOUND.toSeconds(), TimeUnit.SECONDS), "the dead holder's lock was taken over");
    }

    @Test
    void theLockIsReentrantAndGuardsEveryAccess() throws Exception {
        Value<Double> v = new Value<>(double.class, 1.0);
        try (Held held = v.getLock().hold()) {
            v.set(v.get() * 2);                                    // inside the hold: reentrant
            assertEquals(false, CompletableFuture.supplyAsync(() -> tryLock(v)).get(10, TimeUnit.SECONDS));
            CompletableFuture<Double> reader = CompletableFuture.supplyAsync(v::get);
            Thread.sleep(50);
            assertFalse(reader.isDone(), "another thread's get waits for the lock");
            v.set(3.0);
            held.close();
            assertEquals(3.0, reader.get(10, TimeUnit.SECONDS));
        }
        assertEquals("<Value(double, 3.0)>", v.toString());
    }

    private static boolean tryLock(Value<?> v) {
        try {
            boolean acquired = v.getLock().acquire(false);
            if (acquired) {
                v.getLock().release();
            }
            return acquired;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anInterruptDuringAnAccessIsKeptNotThrown() throws Exception {
        Value<Integer> v = new Value<>(int.class, 5);
        Thread.currentThread().interrupt();
        assertEquals(5, v.get());
        assertTrue(Thread.interrupted(), "the flag is still set");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void wrongTypesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Value<>(String.class, "x"));
        assertEquals("unsupported type java.lang.String: shared memory holds boolean, byte, char, short, int,"
                + " long, float or double", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RawValue<>(void.class));
        Value untyped = new Value<>(int.class, 1);
        assertEquals("int expected instead of java.lang.Long",
                assertThrows(ClassCastException.class, () -> untyped.set(2L)).getMessage());
        assertEquals("int expected instead of null",
                assertThrows(NullPointerException.class, () -> untyped.set(null)).getMessage());
        assertThrows(NullPointerException.class, () -> new RawValue<>(int.class, null));
        assertEquals(1, untyped.get());
    }

    @Test
    void closingValuesFreesTheirMemoryAtOnce() throws Throwable {
        Value<Integer> value = Closing.freesMemoryAtOnce(10, () -> new Value<>(int.class, 1)).get(0);
        Closing.assertClosed(value, "value", value::get, () -> value.set(2), value::getLock);
        RawValue<Integer> raw = Closing.freesMemoryAtOnce(10, () -> new RawValue<>(int.class, 1)).get(0);
        Closing.assertClosed(raw, "value", raw::get, () -> raw.set(2));
    }

    @Test
    void valuesTravelOnlyInsideProcessTasks() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.conn1(); Connection b = pipe.conn2()) {
            for (Object handle : new Object[] {new Value<>(int.class), new RawValue<>(int.class),
                    new Array<>(int.class, 2), new RawArray<>(int.class, 2)}) {
                NotSerializableException e = assertThrows(NotSerializableException.class, () -> a.send(handle));
                assertEquals(handle.getClass().getSimpleName() + " objects should only be shared between processes"
                        + " through inheritance: capture them in the task of a Process (or Pool initializer)",
                        e.getMessage());
            }
            a.send("still usable");
            assertEquals("still usable", b.recv());
        }
    }
}
