package io.github.mp4j;

import io.github.mp4j.handles.SharedMemory;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.Collections;
import java.util.Objects;

/**
 * One primitive ({@code int}, {@code long}, {@code double}, {@code boolean}, {@code char},
 * {@code byte}, {@code short} or {@code float}) in shared memory, guarded by a reentrant lock:
 * every process that holds the value sees what any of them sets. Python's
 * {@code multiprocessing.Value(typecode, value)} with its default {@code lock=True};
 * {@link RawValue} is {@code lock=False}.
 *
 * <pre>{@code
 * Value<Integer> count = new Value<>(int.class, 100);     // Python: Value('i', 100)
 * List<Process> workers = new ArrayList<>();
 * for (int i = 0; i < 10; i++) {
 *     Process p = new Process(() -> {
 *         try (Held held = count.getLock().hold()) {       // Python: with count.get_lock():
 *             count.set(count.get() - 1);                  // count.value -= 1
 *         }
 *     });
 *     p.start();
 *     workers.add(p);
 * }
 * for (Process p : workers) p.join();
 * System.out.println(count.get());                         // 90
 * }</pre>
 *
 * <p>The type is a class token: {@code int.class} or {@code Integer.class} (Python's type codes
 * {@code 'i'}, {@code 'l'}, {@code 'd'}... name C types, which Java's fixed sizes make unnecessary);
 * any other class fails with {@link IllegalArgumentException}. A wrong value for the type (only
 * possible through raw types) fails with {@link ClassCastException}, null with
 * {@link NullPointerException}.
 *
 * <p>Each {@link #get()} and {@link #set} takes the lock for its own duration, as in Python; a
 * read-then-write such as {@code set(get() - 1)} is two steps, so guard it with {@link #getLock()},
 * which, being reentrant, lets {@code get} and {@code set} inside. Access waits for the lock
 * without interruption (an interrupt is kept for later), like a {@code synchronized} block. A
 * process that dies holding the lock is handled as for {@link RLock}: the next acquirer takes it
 * over. Memory ordering: every read and write is volatile, so what one process writes before a
 * {@code set} is seen by any process that then {@code get}s the new value; Python promises nothing
 * beyond the lock.
 *
 * <p>Instead of a lock of its own, a value may be given one ({@link #Value(Class, Object, Acquirer)},
 * Python's {@code lock=} argument), so that several values and arrays share it and one hold guards
 * them all; {@link #getObj()} reads and writes the same memory without any lock.
 *
 * <p>The value and its lock live in one small shared-memory block, which travels into children
 * like a {@link Lock}: capture the value in a {@link Process} task (any other serialization fails
 * with {@link java.io.NotSerializableException}). {@link #close()} frees the block in this process
 * at once; a value never closed is freed by the garbage collector once unreachable. No file is left
 * behind either way.
 *
 * @param <T> the boxed type of the primitive: {@code Integer} for {@code int.class}
 */
public final class Value<T> implements Serializable, AutoCloseable {

    private static final long serialVersionUID = 1L;

    private final transient LockedElements locked;

    /**
     * A zero value of {@code type} (Python: {@code Value('i')}).
     *
     * @throws IllegalArgumentException if {@code type} is not a primitive type or its box
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public Value(Class<T> type) {
        this(LockedElements.create(type, 1, null, true, "value"));
    }

    /**
     * A value of {@code type} set to {@code initial} (Python: {@code Value('i', 7)}).
     *
     * @throws IllegalArgumentException if {@code type} is not a primitive type or its box
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public Value(Class<T> type, T initial) {
        this(LockedElements.create(type, 1, Collections.singletonList(initial), true, "value"));
    }

    /**
     * A value of {@code type} set to {@code initial}, guarded by {@code lock} instead of a lock of
     * its own (Python: {@code Value('i', 7, lock=lock)}), so that several values and arrays can
     * share one lock. The lock travels into children with the value. With a {@link Lock}, which is
     * not reentrant, {@code get} and {@code set} inside a hold of that lock wait for ever, as in
     * Python: inside a hold use {@link #getObj()}, or give an {@link RLock}.
     *
     * @throws NullPointerException if {@code lock} is null (for no lock at all, use {@link RawValue})
     * @throws IllegalArgumentException if {@code type} is not a primitive type or its box
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public Value(Class<T> type, T initial, Acquirer lock) {
        this(LockedElements.create(type, 1, Collections.singletonList(initial), false, "value"),
                Objects.requireNonNull(lock, "lock"));
    }

    Value(SharedMemory memory) {
        this.locked = new LockedElements(memory, "value");
    }

    Value(SharedMemory memory, Acquirer lock) {
        this.locked = new LockedElements(memory, lock, "value");
    }

    /**
     * The value, read under the lock (Python's {@code value.value}).
     *
     * @throws IllegalStateException "value is closed" after {@link #close()}
     */
    @SuppressWarnings("unchecked")
    public T get() {
        return (T) locked.get(0);
    }

    /**
     * Sets the value under the lock (Python's {@code value.value = v}).
     *
     * @throws IllegalStateException "value is closed" after {@link #close()}
     */
    public void set(T value) {
        locked.set(0, value);
    }

    /**
     * The reentrant lock that guards the value, shared with every process that holds it: hold it
     * across a read and a write to make them one step. Python's {@code get_lock()}.
     *
     * @throws IllegalStateException "value is closed" after {@link #close()}
     */
    public Acquirer getLock() {
        return locked.lock();
    }

    /**
     * The same value in shared memory without the lock: its {@code get} and {@code set} take no
     * lock, for use while holding {@link #getLock()} or where a single volatile access is enough.
     * Python's {@code get_obj()}. It is opened and closed together with this value (closing either
     * closes both) and travels into children like any {@link RawValue}.
     *
     * @throws IllegalStateException "value is closed" after {@link #close()}
     */
    public RawValue<T> getObj() {
        locked.elements().ensureOpen();
        return new RawValue<>(locked.elements());
    }

    /**
     * Frees what this value holds in this process at once, as {@link Lock#close()} does, with the
     * same contract (a lock the user gave stays open): a hold of its lock that this process keeps stays held for the others until it
     * ends, and afterwards every method but {@code close()} and {@code toString()} throws
     * {@link IllegalStateException}. Not in Python.
     */
    @Override
    public void close() {
        locked.close();
    }

    /** {@code <Value(int, 7)>}, read without the lock; {@code <Value(closed)>} once closed. */
    @Override
    public String toString() {
        return locked.elements().describe("Value", true);
    }

    private Object writeReplace() throws ObjectStreamException {
        return locked.travel(SharedRef.Kind.VALUE, this);
    }
}
