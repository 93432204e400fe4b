package io.github.mp4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AddressSyntaxTest {

    @Test
    void unixPaths() {
        assertEquals(UnixDomainSocketAddress.of("/tmp/a:b.sock"), AddressSyntax.parse("/tmp/a:b.sock"));
        assertEquals(UnixDomainSocketAddress.of("./x:1"), AddressSyntax.parse("./x:1"));
        assertEquals(UnixDomainSocketAddress.of("app.sock"), AddressSyntax.parse("app.sock"));
        assertEquals("/tmp/s", AddressSyntax.format(UnixDomainSocketAddress.of(Path.of("/tmp/s"))));
    }

    @Test
    void tcpHostPort() throws Exception {
        assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 6000), AddressSyntax.parse("127.0.0.1:6000"));
        assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), 6000), AddressSyntax.parse(":6000"));
        InetSocketAddress v6 = (InetSocketAddress) AddressSyntax.parse("[::1]:7");
        assertEquals(InetAddress.getByName("::1"), v6.getAddress());
        assertEquals("[0:0:0:0:0:0:0:1]:7", AddressSyntax.format(v6));
        assertEquals(v6, AddressSyntax.parse(AddressSyntax.format(v6)));
        assertEquals("127.0.0.1:0", AddressSyntax.format(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0)));
    }

    @Test
    void invalid() {
        assertEquals("invalid address: empty string",
                assertThrows(IllegalArgumentException.class, () -> AddressSyntax.parse("")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AddressSyntax.parse("host:-1"))
                .getMessage().startsWith("invalid address: port -1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AddressSyntax.parse("no.such.host.invalid:1"))
                .getMessage().startsWith("invalid address: unknown host 'no.such.host.invalid'"));
        assertThrows(NullPointerException.class, () -> AddressSyntax.parse(null));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AddressSyntax.parse("\0abstract"))
                .getMessage().startsWith("invalid address: Linux's abstract socket namespace"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AddressSyntax.parse("\\\\.\\pipe\\x"))
                .getMessage().contains("is a Windows named pipe"));
    }
}
