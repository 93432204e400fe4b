package io.github.mp4j.conformance;

/** CPython's {@code TestIgnoreEINTR}. */
@NotApplicable(reason = "a Python signal handler interrupting a pipe's or listener's system call (EINTR); Java "
        + "code installs no signal handlers and the JVM retries interrupted system calls itself")
final class TestIgnoreEINTR {
}
