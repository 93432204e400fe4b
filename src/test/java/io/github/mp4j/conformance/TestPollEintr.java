package io.github.mp4j.conformance;

/** CPython's {@code _TestPollEintr}. */
@NotApplicable(reason = "A Python signal handler interrupting a system call (EINTR); the JVM restarts "
        + "interrupted calls itself and reserves SIGUSR1, so Java code never sees EINTR")
final class TestPollEintr {
    private TestPollEintr() {
    }
}
