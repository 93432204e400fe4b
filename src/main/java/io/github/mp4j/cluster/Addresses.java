package io.github.mp4j.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Discovery address lists ("host:port..port,host:port") and the ports and addresses derived from them. */
final class Addresses {

    private static final Pattern ADDRESS = Pattern.compile("([^:,\\s]+)(?::(\\d+)(?:\\.\\.(\\d+))?)?");

    private Addresses() {}

    /**
     * Splits and checks a comma-separated list of {@code host}, {@code host:port} or
     * {@code host:first..last}.
     *
     * @throws IllegalArgumentException naming the entry that is not an address
     */
    static List<String> split(String addresses) {
        List<String> list = new ArrayList<>();
        for (String entry : addresses.split(",")) {
            String address = entry.trim();
            Matcher m = ADDRESS.matcher(address);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a discovery address: \"" + address
                        + "\" (expected host, host:port or host:first..last)");
            }
            if (m.group(2) != null) {
                int first = port(m.group(2));
                if (m.group(3) != null && port(m.group(3)) < first) {
                    throw new IllegalArgumentException("empty port range in \"" + address + "\"");
                }
            }
            list.add(address);
        }
        return List.copyOf(list);
    }

    static int port(String text) {
        int port = number(text);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + text);
        }
        return port;
    }

    static int positive(String text) {
        int n = number(text);
        if (n < 1) {
            throw new IllegalArgumentException("must be at least 1: " + text);
        }
        return n;
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + text);
        }
    }

    /** The first port named in the list (47500 when none is): where this cluster's ports start. */
    static int firstPort(List<String> discovery) {
        Matcher m = ADDRESS.matcher(discovery.get(0));
        return m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : 47500;
    }

    /**
     * Every {@code host:port} the list names, in order (a host without ports stands for Ignite's
     * default 47500..47509), at most {@code max} of them; unresolvable hosts are left out.
     */
    static List<InetSocketAddress> endpoints(List<String> discovery, int max) {
        List<InetSocketAddress> endpoints = new ArrayList<>();
        for (String address : discovery) {
            Matcher m = ADDRESS.matcher(address);
            if (!m.matches()) {
                continue;
            }
            int first = m.group(2) == null ? 47500 : Integer.parseInt(m.group(2));
            int last = m.group(2) == null ? 47509 : m.group(3) == null ? first : Integer.parseInt(m.group(3));
            for (int port = first; port <= last && endpoints.size() < max; port++) {
                InetSocketAddress endpoint = new InetSocketAddress(m.group(1), port);
                if (!endpoint.isUnresolved()) {
                    endpoints.add(endpoint);
                }
            }
        }
        return endpoints;
    }

    /**
     * Whether every host of the list, and {@code bind}, is a loopback address: the one case where a
     * cluster may run without TLS. A host that cannot be resolved counts as beyond loopback.
     */
    static boolean loopbackOnly(List<String> discovery, String bind) {
        List<String> hosts = new ArrayList<>();
        hosts.add(bind);
        for (String address : discovery) {
            Matcher m = ADDRESS.matcher(address);
            hosts.add(m.matches() ? m.group(1) : address);
        }
        for (String host : hosts) {
            try {
                if (!InetAddress.getByName(host).isLoopbackAddress()) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * The local address this host uses to reach the first discovery host: what a client must bind so
     * that the cluster's servers can reach it. Connecting a UDP socket sends nothing.
     */
    static String localAddressToward(List<String> discovery) {
        Matcher m = ADDRESS.matcher(discovery.get(0));
        String host = m.matches() ? m.group(1) : discovery.get(0);
        try {
            InetAddress target = InetAddress.getByName(host);
            if (target.isLoopbackAddress()) {
                return target.getHostAddress();
            }
            try (DatagramSocket probe = new DatagramSocket()) {
                probe.connect(target, 9);
                return probe.getLocalAddress().getHostAddress();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a local address that reaches " + host, e);
        }
    }

    /**
     * A first port of {@code count} consecutive free loopback ports for a new local cluster's
     * discovery, with the communication ports 1000 above them also free. Searched from a place that
     * depends on this JVM's pid, so that two JVMs starting clusters at once rarely try the same
     * ports, and never below 47600, so that a local cluster never joins one on Ignite's default ports.
     */
    static int freeRange(int count) {
        long start = ProcessHandle.current().pid();
        for (int i = 0; i < 300; i++) {
            int first = 47600 + (int) ((start + i) % 300) * 40;
            if (free(first, count) && free(first + 1000, count)) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " free consecutive loopback ports above 47600");
    }

    private static boolean free(int first, int count) {
        for (int port = first; port < first + count; port++) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
