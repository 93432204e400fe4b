package io.github.mp4j.handles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This JVM's private folder for the portable transport's files (see
 * {@link io.github.mp4j.platform.Transport}): the mapped files of shared memory and the paths of
 * UNIX-domain sockets. One per JVM, made on first use, {@code mp4j-own-<pid>-<random>}, readable by
 * this user only; deleted when the JVM exits, and by the next mp4j program's sweep if it was killed
 * (see {@link OwnedTempDirectory}).
 *
 * <pre>{@code
 * Path file = Files.createTempFile(PrivateFolder.get(), "mp4j-shm-", null);
 * }</pre>
 *
 * <p>Short paths on purpose: a UNIX-domain socket's path must fit in the address's {@code sun_path},
 * 104 bytes on macOS (108 on Linux and Windows), terminating NUL included. macOS's temporary folder
 * ({@code /var/folders/xx/.../T/}) is long already, so where the folder's socket paths would not fit
 * under {@code java.io.tmpdir}, the folder is made under {@code /tmp} instead ({@link #base}).
 *
 * <p>Windows: a file cannot be deleted while some process maps it. A deletion that fails then is
 * left to the exit of this JVM (which deletes what it can) and to the next sweep, which runs once no
 * JVM that could map the file is alive.
 */
public final class PrivateFolder {

    /** The longest socket path every system takes: macOS's 104 bytes less the terminating NUL. */
    public static final int SOCKET_PATH_MAX = 103;
    /** The longest file name a socket gets in the folder ({@link #socket}). */
    static final int SOCKET_NAME_MAX = 12;
    /** {@code mp4j-own-}, a pid of up to 10 digits, a dash, and the JDK's random number (at most 20). */
    private static final int FOLDER_NAME_MAX = 40;

    private static Path folder; // guarded by the class

    private PrivateFolder() {}

    /** The folder, made on the first call. */
    public static synchronized Path get() throws IOException {
        if (folder == null) {
            Path made = OwnedTempDirectory.create("own", base(Path.of(System.getProperty("java.io.tmpdir"))))
                    .toRealPath();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> OwnedTempDirectory.deleteQuietly(made),
                    "mp4j-private-folder"));
            folder = made;
        }
        return folder;
    }

    /**
     * A path in the folder for a socket named {@code name} (at most {@value #SOCKET_NAME_MAX}
     * characters).
     *
     * @throws IllegalArgumentException for a longer name
     */
    public static Path socket(String name) throws IOException {
        if (name.length() > SOCKET_NAME_MAX) {
            throw new IllegalArgumentException("socket name longer than " + SOCKET_NAME_MAX + ": " + name);
        }
        return get().resolve(name);
    }

    /**
     * Where to make the folder: {@code temporary} when every socket path in it fits in
     * {@value #SOCKET_PATH_MAX} bytes, else {@code /tmp}.
     *
     * @throws SocketPathTooLong when neither fits (no {@code /tmp}, and a long temporary folder)
     */
    static Path base(Path temporary) throws SocketPathTooLong {
        if (fits(temporary.toAbsolutePath())) {
            return temporary;
        }
        Path tmp = Path.of("/tmp");
        if (Files.isDirectory(tmp) && fits(tmp)) {
            return tmp;
        }
        throw new SocketPathTooLong(temporary);
    }

    private static boolean fits(Path base) {
        return base.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + 1 + FOLDER_NAME_MAX + 1 + SOCKET_NAME_MAX <= SOCKET_PATH_MAX;
    }

    /** No folder for this JVM's sockets has a path short enough for a UNIX-domain socket address. */
    public static final class SocketPathTooLong extends IOException {
        private static final long serialVersionUID = 1L;

        SocketPathTooLong(Path temporary) {
            super("the temporary folder " + temporary + " is too long for UNIX-domain socket paths ("
                    + SOCKET_PATH_MAX + " bytes at most) and there is no /tmp: set -Djava.io.tmpdir to a"
                    + " shorter folder");
        }
    }
}
