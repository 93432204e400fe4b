package io.github.mp4j.conformance;

/** CPython's {@code TestNamedResource}. */
@NotApplicable(reason = "a __main__ module that creates a named semaphore at import, re-imported by spawn's "
        + "children; a child JVM does not re-run the program's main class")
final class TestNamedResource {
}
