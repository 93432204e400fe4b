package io.github.mp4j.conformance;

/** CPython's {@code TestForkAwareThreadLock}. */
@NotApplicable(reason = "a lock that resets itself in a forked child; a JVM never forks, every child starts fresh")
final class TestForkAwareThreadLock {
}
