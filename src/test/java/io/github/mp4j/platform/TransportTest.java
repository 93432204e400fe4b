package io.github.mp4j.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TransportTest {

    @Test
    void unsetMeansLinuxsTransportOnLinuxAndThePortableOneElsewhere() {
        assertEquals(Transport.LINUX, Transport.choose(null, "Linux"));
        assertEquals(Transport.PORTABLE, Transport.choose(null, "Mac OS X"));
        assertEquals(Transport.PORTABLE, Transport.choose("", "Windows 11"));
    }

    @Test
    void thePropertyForcesThePortableTransportOnLinux() {
        assertEquals(Transport.PORTABLE, Transport.choose("portable", "Linux"));
        assertEquals(Transport.LINUX, Transport.choose(" Linux ", "Linux"));
    }

    @Test
    void anUnknownValueOrLinuxsTransportElsewhereIsRefused() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Transport.choose("fifo", "Linux"));
        assertEquals("-Dmp4j.transport=fifo: expected linux or portable", unknown.getMessage());
        IllegalArgumentException elsewhere = assertThrows(IllegalArgumentException.class,
                () -> Transport.choose("linux", "Mac OS X"));
        assertTrue(elsewhere.getMessage().contains("needs Linux"), elsewhere.getMessage());
    }

    @Test
    void childrenAreToldThisJvmsTransport() {
        assertEquals("-Dmp4j.transport=" + Transport.current().name().toLowerCase(java.util.Locale.ROOT),
                Transport.childOption());
        String asked = System.getProperty(Transport.PROPERTY);
        if (asked != null) {
            assertEquals(Transport.choose(asked, System.getProperty("os.name")), Transport.current());
        }
    }

    /** In the portable run this is the guard's proof; in Linux's, that the paths are still there. */
    @Test
    void everyLinuxOnlyPathIsRefusedInPortableMode() {
        if (Transport.current() == Transport.PORTABLE) {
            LinuxOnlyPathError proc = assertThrows(LinuxOnlyPathError.class, () -> LinuxPaths.proc("self/fd"));
            assertTrue(proc.getMessage().startsWith("/proc/self/fd is Linux-only"), proc.getMessage());
            assertThrows(LinuxOnlyPathError.class, LinuxPaths::devShm);
            assertThrows(LinuxOnlyPathError.class, () -> LinuxPaths.mkfifo(List.of("/tmp/f")));
        } else {
            assertEquals(Path.of("/proc/self/fd"), LinuxPaths.proc("self/fd"));
            assertEquals(Path.of("/dev/shm"), LinuxPaths.devShm());
            assertEquals(List.of("mkfifo", "-m", "600", "/tmp/f"), LinuxPaths.mkfifo(List.of("/tmp/f")));
        }
    }

    /** So that the guard sees every use: a path named anywhere else would bypass it. */
    @Test
    void noSourceFileButLinuxPathsNamesProcDevShmOrMkfifo() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                if (file.endsWith("LinuxPaths.java")) {
                    continue;
                }
                for (String s : stringLiterals(Files.readString(file))) {
                    // a literal that is such a path or the command; messages may name them
                    if (s.startsWith("/proc") || s.startsWith("/dev/shm") || s.equals("mkfifo")) {
                        found.add(file + ": \"" + s + "\"");
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void theScanFindsLiteralsAndSkipsComments() {
        assertEquals(List.of("/proc/x", "a\\\"b", "c"),
                stringLiterals("// \"/dev/shm\"\n/* \"mkfifo\" */ f(\"/proc/x\", '\"', \"a\\\"b\"); g(\"c\");"));
    }

    /** The contents of the string literals of Java source {@code code}, comments and char literals skipped. */
    private static List<String> stringLiterals(String code) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (code.startsWith("//", i)) {
                int eol = code.indexOf('\n', i);
                i = eol < 0 ? code.length() : eol;
            } else if (code.startsWith("/*", i)) {
                int close = code.indexOf("*/", i + 2);
                i = close < 0 ? code.length() : close + 2;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < code.length() && code.charAt(j) != c) {
                    j += code.charAt(j) == '\\' ? 2 : 1;
                }
                if (c == '"') {
                    literals.add(code.substring(i + 1, Math.min(j, code.length())));
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return literals;
    }
}
