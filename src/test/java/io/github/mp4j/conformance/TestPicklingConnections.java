package io.github.mp4j.conformance;

import static io.github.mp4j.conformance.Sockets.AUTHKEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.Client;
import io.github.mp4j.Connection;
import io.github.mp4j.Listener;
import io.github.mp4j.Pipe;
import io.github.mp4j.Process;
import java.io.NotSerializableException;
import org.junit.jupiter.api.Test;

/**
 * CPython's {@code _TestPicklingConnections}: Python sends open connections through connections;
 * mp4j lets them reach a process only by inheritance, as Python does for queues and locks.
 */
class TestPicklingConnections {
    private static final String INHERITANCE_ONLY = "should only be shared between processes through inheritance";

    @Test
    @Deliberate("A socket Connection sent through a Connection is refused at send with "
            + "NotSerializableException (\"... connect there with Client.connect\"), and the carrying "
            + "connection stays usable: a socket's descriptor cannot be handed to another JVM, so the other "
            + "process connects itself")
    void testPickling() throws Exception {
        Pipe pipe = Pipe.open();
        try (Listener l = new Listener(AUTHKEY);
                Connection c = Client.connect(l.address(), AUTHKEY);
                Connection accepted = l.accept();
                Connection lconn = pipe.conn1();
                Connection lconn0 = pipe.conn2()) {
            NotSerializableException refused = assertThrows(NotSerializableException.class, () -> lconn.send(accepted));
            assertTrue(refused.getMessage().contains("connect there with Client.connect"), refused.getMessage());
            lconn.send("still usable");
            assertEquals("still usable", lconn0.recv());
            c.send(1729);
            assertEquals(1729, accepted.recv());
        }
    }

    @Test
    @Deliberate("A Pipe end reaches a process by inheritance (captured in its task), not through another "
            + "connection: sending one is refused at send with NotSerializableException")
    void testAccess() throws Exception {
        Pipe control = Pipe.open();
        Pipe data = Pipe.open(false);
        Connection conn = control.conn1(), childConn = control.conn2();
        Connection r = data.conn1(), w = data.conn2();
        try {
            Process p = Children.start(null, () -> {
                w.send("all is well");        // inherited: usable in the child
                childConn.recv();             // lets the parent take that message first
                Object msg = r.recv();
                childConn.send(msg + "" + msg);
            });
            childConn.close();
            NotSerializableException refused = assertThrows(NotSerializableException.class, () -> conn.send(w));
            assertTrue(refused.getMessage().contains(INHERITANCE_ONLY), refused.getMessage());
            assertEquals("all is well", r.recv());
            conn.send("go on");
            w.send("foobar");
            assertEquals("foobarfoobar", conn.recv());
            Children.joined(p);
        } finally {
            for (Connection c : new Connection[] {conn, childConn, r, w}) {
                c.close();
            }
        }
    }
}
