package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A manager served by one JVM and reached by another over TCP loopback. */
@Timeout(300)
class ManagerRemoteTest {

    static final byte[] KEY = "remote-secret".getBytes(StandardCharsets.UTF_8);
    private static final Duration BOUND = Duration.ofSeconds(60);

    /** A child JVM that serves a manager at a free loopback port; its address arrives through the pipe. */
    static Process serveInChild(Connection[] addressOut) throws Exception {
        Pipe pipe = Pipe.open(false);
        Connection writer = pipe.conn2();
        Process server = new Process(() -> {
            Manager served = Manager.serve("127.0.0.1:0", KEY);
            served.register("Greeter", () -> new StringBuilder("hello"));
            writer.send(served.address());
            served.join();
        });
        server.setDaemon(true);
        server.start();
        writer.close();
        addressOut[0] = pipe.conn1();
        return server;
    }

    @Test
    void anotherJvmServesAndThisOneConnects() throws Exception {
        Connection[] reader = new Connection[1];
        Process server = serveInChild(reader);
        assertTrue(reader[0].poll(BOUND), "the server reports its address");
        String address = (String) reader[0].recv();
        assertTrue(address.startsWith("127.0.0.1:"), address);

        Manager remote = Manager.connect(address, KEY);
        DictProxy<String, Integer> d = remote.dict();
        d.put("x", 1);
        assertEquals(2, d.merge("x", 1, Integer::sum));
        CharSequence greeter = remote.create("Greeter", CharSequence.class);
        assertEquals("hello", greeter.toString());
        assertEquals(5, greeter.length());

        // a second client in a third JVM sees the same object through a proxy that travelled
        Process third = new Process(() -> d.put("third", Process.current().pid().intValue()));
        third.start();
        third.join(BOUND);
        assertEquals(0, third.exitCode());
        assertTrue(d.containsKey("third"));

        AuthenticationError wrong = assertThrows(AuthenticationError.class,
                () -> Manager.connect(address, "wrong".getBytes(StandardCharsets.UTF_8)));
        assertEquals("digest sent was rejected", wrong.getMessage());
        assertEquals(2, d.get("x"), "the server goes on after a client with the wrong key");

        remote.shutdown(); // a client may stop a served manager
        server.join(BOUND);
        assertEquals(0, server.exitCode(), "the serving JVM's join() returned");
        assertFalse(server.isAlive());
        java.io.UncheckedIOException gone = assertThrows(java.io.UncheckedIOException.class, () -> d.get("x"));
        assertTrue(gone.getMessage().contains(address), gone.getMessage());
        reader[0].close();
    }

    @Test
    void thisJvmServesAndAChildConnects() throws Exception {
        try (Manager served = Manager.serve("127.0.0.1:0", KEY)) {
            ListProxy<String> list = served.list();
            String address = served.address();
            Process child = new Process(() -> {
                Manager m = Manager.connect(address, KEY);
                list.add("via proxy");
                m.list().add("own list");
                m.close(); // only the connection: the server stays
                list.add("after close");
            });
            child.start();
            child.join(BOUND);
            assertEquals(0, child.exitCode());
            assertEquals(java.util.List.of("via proxy", "after close"), list.copy());
        }
    }
}
