package io.github.mp4j.conformance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * What the socket-based conformance classes share: the authkey (mp4j requires one where Python's
 * default is the process's own) and the address of each of Python's families on Linux.
 */
final class Sockets {

    static final byte[] AUTHKEY = "conformance".getBytes(StandardCharsets.US_ASCII);

    private Sockets() {
    }

    /** Python's {@code connection.families} on Linux, as mp4j addresses: AF_INET, then a fresh AF_UNIX path. */
    static List<String> families() {
        return List.of("127.0.0.1:0", unixPath());
    }

    /** A UNIX-domain socket path that does not exist yet; the listener bound to it deletes it on close. */
    static String unixPath() {
        return Path.of(System.getProperty("java.io.tmpdir"), "mp4j-conformance-" + UUID.randomUUID() + ".sock")
                .toString();
    }
}
