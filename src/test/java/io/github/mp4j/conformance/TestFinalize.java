package io.github.mp4j.conformance;

/** CPython's {@code _TestFinalize}. */
@NotApplicable(reason = "tests multiprocessing.util.Finalize, CPython's private finalizer registry with exit "
        + "priorities; Java's equivalents are java.lang.ref.Cleaner and shutdown hooks (see TestAtExit)")
final class TestFinalize {
}
