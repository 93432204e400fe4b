package io.github.mp4j.conformance;

/** CPython's {@code TestInternalDecorators}: a test of the test suite's own decorator. */
@NotApplicable(reason = "tests CPython's own test decorator (only_run_in_spawn_testsuite), not multiprocessing")
final class TestInternalDecorators {
}
