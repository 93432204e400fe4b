package io.github.mp4j.conformance;

/** CPython's {@code TestResourceTracker}. */
@NotApplicable(reason = "tests CPython's resource-tracker process (its signals, reuse, exit code, name "
        + "lengths); mp4j has none: its shared memory is unlinked once opened by every party, and a "
        + "block is unlinked at exit by the process that created it (SharedMemoryTest, NoOrphansTest)")
final class TestResourceTracker {
}
