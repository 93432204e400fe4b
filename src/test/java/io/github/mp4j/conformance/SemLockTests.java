package io.github.mp4j.conformance;

/** CPython's {@code SemLockTests}. */
@NotApplicable(reason = "subclasses the private _multiprocessing.SemLock; mp4j's locks are final classes over "
        + "the public Acquirer interface")
final class SemLockTests {
}
