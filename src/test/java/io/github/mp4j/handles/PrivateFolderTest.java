package io.github.mp4j.handles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class PrivateFolderTest {

    @Test
    void aTemporaryFolderTooLongForMacOsSocketPathsGivesWayToTmp() throws IOException {
        // macOS's is /var/folders/<2>/<30>/T/, 49 bytes; one of 60 leaves no room for a socket's path
        Path macLike = Path.of("/var/folders/" + "x".repeat(47));
        assertEquals(Path.of("/tmp"), PrivateFolder.base(macLike));
        Path shortOne = Path.of("/tmp");
        assertEquals(shortOne, PrivateFolder.base(shortOne));
    }

    @Test
    void everySocketPathFitsInMacOsLimitAndBinds() throws IOException {
        Path longest = PrivateFolder.socket("p".repeat(PrivateFolder.SOCKET_NAME_MAX));
        assertTrue(longest.toString().getBytes(StandardCharsets.UTF_8).length <= PrivateFolder.SOCKET_PATH_MAX,
                longest.toString());
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(longest));
        } finally {
            Files.deleteIfExists(longest);
        }
        assertThrows(IllegalArgumentException.class,
                () -> PrivateFolder.socket("p".repeat(PrivateFolder.SOCKET_NAME_MAX + 1)));
    }

    @Test
    void theFolderIsThisUsersAlone() throws IOException {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(PrivateFolder.get())));
        assertTrue(PrivateFolder.get().getFileName().toString()
                .startsWith("mp4j-own-" + ProcessHandle.current().pid() + "-"));
    }
}
