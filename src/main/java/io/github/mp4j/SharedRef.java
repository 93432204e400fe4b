package io.github.mp4j;

import io.github.mp4j.handles.SharedMemory;
import io.github.mp4j.handles.Transfer;

import java.io.NotSerializableException;
import java.io.Serializable;

/**
 * What a {@link Lock}, {@link RLock}, {@link Semaphore}, {@link Event}, {@link Condition},
 * {@link Barrier}, {@link Value}, {@link RawValue}, {@link Array} or {@link RawArray} becomes while
 * it travels into a child: its kind, its shared memory, which the child maps again on arrival,
 * where in the block its part begins (a raw view of a locked value's elements), and what travels
 * with it (the lock the user gave a value, array or condition; a barrier's action). A plain class,
 * not a record, for the reason given on {@code Process.Bootstrap}.
 */
final class SharedRef implements Serializable {

    private static final long serialVersionUID = 2L;

    enum Kind {
        LOCK, RLOCK, SEMAPHORE, BOUNDED_SEMAPHORE, EVENT, CONDITION, BARRIER, VALUE, RAW_VALUE, ARRAY, RAW_ARRAY
    }

    private final Kind kind;
    private final SharedMemory memory;
    private final int base;
    /** Null, or serializable: checked when this object is written. */
    private final Object companion;

    private SharedRef(Kind kind, SharedMemory memory, int base, Object companion) {
        this.kind = kind;
        this.memory = memory;
        this.base = base;
        this.companion = companion;
    }

    /** The object to serialize in place of a primitive; refused outside a Process task. */
    static SharedRef of(Kind kind, SharedMemory memory, int base, Object companion, Object primitive)
            throws NotSerializableException {
        Transfer.checkInheritance(primitive.getClass().getSimpleName());
        return new SharedRef(kind, memory, base, companion);
    }

    private Object readResolve() {
        return switch (kind) {
            case LOCK -> new Lock(memory);
            case RLOCK -> new RLock(memory);
            case SEMAPHORE -> new Semaphore(memory);
            case BOUNDED_SEMAPHORE -> new BoundedSemaphore(memory);
            case EVENT -> new Event(memory);
            case CONDITION -> new Condition(memory, (Acquirer) companion);
            case BARRIER -> new Barrier(memory, (SerializableRunnable) companion);
            case VALUE -> companion == null ? new Value<>(memory) : new Value<>(memory, (Acquirer) companion);
            case RAW_VALUE -> new RawValue<>(memory, base);
            case ARRAY -> companion == null ? new Array<>(memory) : new Array<>(memory, (Acquirer) companion);
            case RAW_ARRAY -> new RawArray<>(memory, base);
        };
    }
}
