package io.github.mp4j.conformance;

/** CPython's {@code _TestHeap}. */
@NotApplicable(reason = "tests CPython's private arena allocator (multiprocessing.heap) behind ctypes values; "
        + "each mp4j Value, Array and lock is its own shared-memory block, freed by close() or the garbage collector")
final class TestHeap {
}
