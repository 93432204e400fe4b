package io.github.mp4j.wire;

import java.io.IOException;

/**
 * An object that can travel to a starting child as a few parts instead of Java serialization (see
 * {@code spawn/TaskMessage}): when every part is a simple value (null, a number, a boolean, a
 * string, bytes), a serializable lambda that captured only such values, or itself made of parts,
 * the child rebuilds the object by passing its parts, in order, to its class's constructor that
 * takes an {@code Object[]} (of any access). Otherwise the object travels by Java serialization, as
 * any other, so its class must be serializable as well.
 */
public interface Parts {

    /**
     * The parts, in the order the {@code Object[]} constructor expects them.
     *
     * @throws IOException when a part cannot travel now (for example a pipe end outside a child's start)
     */
    Object[] parts() throws IOException;
}
