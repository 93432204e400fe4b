package io.github.mp4j.conformance;

/** CPython's {@code TestCloseFds}. */
@NotApplicable(reason = "tests multiprocessing.util.close_fds, which a forked child uses to drop inherited "
        + "descriptors; a child JVM inherits only its standard streams (TestProcess.testChildFdInflation checks)")
final class TestCloseFds {
}
