package io.github.mp4j.conformance;

/** CPython's {@code TestInvalidHandle}. */
@NotApplicable(reason = "Builds a Connection from a raw descriptor number; mp4j's Connection has no such "
        + "constructor (connections come from Pipe.open, Listener.accept and Client.connect)")
final class TestInvalidHandle {
    private TestInvalidHandle() {
    }
}
