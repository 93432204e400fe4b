package io.github.mp4j;

import io.github.mp4j.handles.SharedMemory;
import io.github.mp4j.handles.Transfer;

import java.io.NotSerializableException;
import java.io.Serializable;

/**
 * What a {@link Lock}, {@link RLock}, {@link Semaphore}, {@link Event}, {@link Value},
 * {@link RawValue}, {@link Array} or {@link RawArray} becomes while it travels
 * into a child: its kind and its shared memory, which the child maps again on arrival. A plain
 * class, not a record, for the reason given on {@code Process.Bootstrap}.
 */
final class SharedRef implements Serializable {

    private static final long serialVersionUID = 1L;

    enum Kind { LOCK, RLOCK, SEMAPHORE, BOUNDED_SEMAPHORE, EVENT, VALUE, RAW_VALUE, ARRAY, RAW_ARRAY }

    private final Kind kind;
    private final SharedMemory memory;

    private SharedRef(Kind kind, SharedMemory memory) {
        this.kind = kind;
        this.memory = memory;
    }

    /** The object to serialize in place of a primitive; refused outside a Process task. */
    static SharedRef of(Kind kind, SharedMemory memory, Object primitive) throws NotSerializableException {
        Transfer.checkInheritance(primitive.getClass().getSimpleName());
        return new SharedRef(kind, memory);
    }

    private Object readResolve() {
        return switch (kind) {
            case LOCK -> new Lock(memory);
            case RLOCK -> new RLock(memory);
            case SEMAPHORE -> new Semaphore(memory);
            case BOUNDED_SEMAPHORE -> new BoundedSemaphore(memory);
            case EVENT -> new Event(memory);
            case VALUE -> new Value<>(memory);
            case RAW_VALUE -> new RawValue<>(memory);
            case ARRAY -> new Array<>(memory);
            case RAW_ARRAY -> new RawArray<>(memory);
        };
    }
}
