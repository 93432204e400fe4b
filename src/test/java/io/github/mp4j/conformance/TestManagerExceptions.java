package io.github.mp4j.conformance;

/** CPython's {@code TestManagerExceptions}. */
@NotApplicable(reason = "Checks that CPython's manager exceptions form no reference cycles (gh-106558), which "
        + "only CPython's reference counting can see; Java's collector frees cycles like anything else")
final class TestManagerExceptions {
    private TestManagerExceptions() {
    }
}
