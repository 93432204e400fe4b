package io.github.mp4j.wire;

import io.github.mp4j.platform.LinuxPaths;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds the descriptor number of a socket in this process. Java hides it (the field is internal to
 * {@code sun.nio.ch}), so we read Linux's tables: {@code /proc/self/fd} links a descriptor to
 * {@code socket:[inode]}, and {@code /proc/net/tcp}, {@code tcp6} and {@code unix} tell which inode is
 * which socket.
 *
 * <p>A TCP socket is identified exactly by its local and remote ports. A UNIX socket has no such key,
 * so the caller snapshots the socket descriptors before it creates one and we look among the new
 * ones: an accepted socket carries its listener's path in {@code /proc/net/unix}, a connecting one
 * carries none. If the tables still leave a choice (another thread made a look-alike socket at the
 * same moment), the number is reported as -1 rather than guessed.
 */
final class SocketDescriptor {

    private static final String SOCKET_PREFIX = "socket:[";

    private SocketDescriptor() {}

    /** This process's socket descriptors and their inodes. */
    static Map<Integer, Long> snapshot() {
        Map<Integer, Long> sockets = new HashMap<>();
        if (!LinuxPaths.available()) {
            return sockets; // the portable transport reads no /proc: fileno() reports -1
        }
        try (Stream<Path> links = Files.list(LinuxPaths.proc("self/fd"))) {
            for (Path link : (Iterable<Path>) links::iterator) {
                try {
                    String target = Files.readSymbolicLink(link).toString();
                    if (target.startsWith(SOCKET_PREFIX)) {
                        sockets.put(Integer.parseInt(link.getFileName().toString()),
                                Long.parseLong(target.substring(SOCKET_PREFIX.length(), target.length() - 1)));
                    }
                } catch (IOException | NumberFormatException closedMeanwhile) {
                    // a descriptor another thread closed while we listed them
                }
            }
        } catch (IOException noProc) {
            // not Linux: no descriptor numbers, fileno() reports -1
        }
        return sockets;
    }

    /** The descriptor of a connected TCP socket, or -1. */
    static int ofTcp(SocketChannel channel) {
        if (!LinuxPaths.available()) {
            return -1;
        }
        try {
            int local = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            int remote = ((InetSocketAddress) channel.getRemoteAddress()).getPort();
            List<Long> inodes = new ArrayList<>();
            for (String table : new String[] {"net/tcp", "net/tcp6"}) {
                for (String[] row : rows(table)) {
                    if (row.length > 9 && !row[0].equals("sl") && port(row[1]) == local && port(row[2]) == remote) {
                        inodes.add(Long.parseLong(row[9]));
                    }
                }
            }
            return only(snapshot(), inodes);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The descriptor of a UNIX socket created since {@code before}: the accepted side of the listener
     * bound at {@code listenerPath}, or, when that is null, a connecting side.
     */
    static int ofUnix(Map<Integer, Long> before, String listenerPath) {
        if (!LinuxPaths.available()) {
            return -1;
        }
        try {
            Map<Long, String> paths = new HashMap<>();
            for (String[] row : rows("net/unix")) {
                if (row.length >= 7 && !row[0].startsWith("Num")) {
                    // a listening socket (flag __SO_ACCEPTCON) shares the path but is never the one
                    boolean listening = (Integer.parseInt(row[3], 16) & 0x10000) != 0;
                    paths.put(Long.parseLong(row[6]), listening ? "<listening>" : row.length > 7 ? row[7] : "");
                }
            }
            Map<Integer, Long> after = snapshot();
            List<Long> inodes = new ArrayList<>();
            for (Map.Entry<Integer, Long> e : after.entrySet()) {
                Long inode = e.getValue();
                String path = paths.get(inode);
                boolean isNew = !inode.equals(before.get(e.getKey()));
                boolean fits = listenerPath == null ? "".equals(path) : listenerPath.equals(path);
                if (isNew && fits) {
                    inodes.add(inode);
                }
            }
            return only(after, inodes);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static int only(Map<Integer, Long> sockets, List<Long> inodes) {
        int found = -1;
        for (Map.Entry<Integer, Long> e : sockets.entrySet()) {
            if (inodes.contains(e.getValue())) {
                if (found >= 0) {
                    return -1; // ambiguous: better no number than a wrong one
                }
                found = e.getKey();
            }
        }
        return found;
    }

    private static int port(String hexAddress) {
        return Integer.parseInt(hexAddress.substring(hexAddress.lastIndexOf(':') + 1), 16);
    }

    private static List<String[]> rows(String table) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(LinuxPaths.proc(table))) {
            rows.add(line.trim().split("\\s+"));
        }
        return rows;
    }
}
