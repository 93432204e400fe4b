package io.github.mp4j.conformance;

/** CPython's {@code TestFlags}. */
@NotApplicable(reason = "checks that interpreter flags (sys.flags: -I, -E, ...) reach spawned children; a child "
        + "JVM's options are mp4j.worker.jvmOptions and Process.setJvmOptions, tested in ProcessTest")
final class TestFlags {
}
