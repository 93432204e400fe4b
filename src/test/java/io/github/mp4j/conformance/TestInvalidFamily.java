package io.github.mp4j.conformance;

import static io.github.mp4j.conformance.PythonError.VALUE_ERROR;
import static io.github.mp4j.conformance.PythonError.assertRaises;
import static io.github.mp4j.conformance.Sockets.AUTHKEY;

import io.github.mp4j.Listener;
import org.junit.jupiter.api.Test;

/** CPython's {@code TestInvalidFamily}: an address of a family this system lacks is refused. */
@NotApplicable(method = "test_invalid_family_win32", reason = "Needs Windows, where a path names no UNIX socket")
class TestInvalidFamily {

    @Test
    void testInvalidFamily() {
        assertRaises(VALUE_ERROR, () -> new Listener("\\\\.\\test", AUTHKEY).close());
    }
}
