package io.github.mp4j.conformance;

/** CPython's {@code _TestLogging}. */
@NotApplicable(reason = "tests multiprocessing's own logger (get_logger, log_to_stderr, its levels and file "
        + "name); mp4j has no logger: a child's stdout and stderr are copied to the parent's, line by line")
final class TestLogging {
}
