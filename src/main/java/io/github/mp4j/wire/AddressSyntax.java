package io.github.mp4j.wire;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * The one string form of a {@code Listener}/{@code Client} address, and its two meanings.
 *
 * <ul>
 *   <li>A UNIX-domain socket path when the string starts with {@code /} or {@code .}, or contains no
 *       colon: {@code "/tmp/app.sock"}, {@code "./app.sock"}, {@code "app.sock"}. (Python also tells
 *       the families apart by shape: a tuple is TCP, a plain string a UNIX path.)</li>
 *   <li>Otherwise TCP {@code host:port}, split at the last colon: {@code "127.0.0.1:6000"},
 *       {@code "localhost:0"}, {@code "[::1]:6000"}. An empty host ({@code ":6000"}) means loopback,
 *       never every interface; port 0 asks the system for a free port.</li>
 * </ul>
 */
public final class AddressSyntax {

    private AddressSyntax() {}

    /**
     * Parses an address.
     *
     * @throws IllegalArgumentException "invalid address: ..." for an empty string, a port that is not
     *         a number in 0..65535, a host that does not resolve, an abstract socket name
     *         ({@code "\0name"}) or a Windows named pipe ({@code "\\.\pipe\name"})
     */
    public static SocketAddress parse(String address) {
        if (address == null) {
            throw new NullPointerException("address is required");
        }
        if (address.isEmpty()) {
            throw new IllegalArgumentException("invalid address: empty string");
        }
        if (address.startsWith("\0")) {
            throw new IllegalArgumentException("invalid address: Linux's abstract socket namespace (an address"
                    + " starting with NUL) cannot be bound from Java; use a path");
        }
        if (address.startsWith("\\\\")) {
            throw new IllegalArgumentException("invalid address: '" + address + "' is a Windows named pipe,"
                    + " which this system does not have (Python's AF_PIPE)");
        }
        if (isUnixPath(address)) {
            return UnixDomainSocketAddress.of(Path.of(address));
        }
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon);
        String portText = address.substring(colon + 1);
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid address: port '" + portText + "' of '" + address
                    + "' is not a number (use host:port, or a path for a UNIX socket)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("invalid address: port " + port + " of '" + address
                    + "' is out of range 0-65535");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            InetAddress ip = host.isEmpty() ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host);
            return new InetSocketAddress(ip, port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid address: unknown host '" + host + "' in '" + address + "'");
        }
    }

    /** Whether {@code address} names a UNIX-domain socket rather than {@code host:port}. */
    public static boolean isUnixPath(String address) {
        return address.startsWith("/") || address.startsWith(".") || address.indexOf(':') < 0;
    }

    /** The string form of a bound or connected socket address, parseable by {@link #parse}. */
    public static String format(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress unix) {
            return unix.getPath().toString();
        }
        InetSocketAddress inet = (InetSocketAddress) address;
        String host = inet.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
    }
}
