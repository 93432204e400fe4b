package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pipe ends captured by Process tasks: every copy, in every process, is a real OS copy. */
class PipeAcrossProcessesTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void notesCase1EofOnlyWhenEveryCopyOfTheEndIsClosed() throws Exception {
        Pipe pipe = Pipe.open();
        Connection conn1 = pipe.conn1();
        Connection conn2 = pipe.conn2();
        // The child closes its copy of conn1 and then waits for our signal before exiting.
        Process p = new Process(() -> {
            conn1.close();
            conn2.send("child closed its conn1");
            conn2.recv(); // keep this process (and its copy of conn2) alive until told
        });
        p.start();
        assertEquals("child closed its conn1", conn1.recv());
        conn1.close();   // now both copies of conn1 are closed
        assertThrows(EOFException.class, conn2::recv);
        p.terminate();
        p.join(BOUND);
    }

    @Test
    void notesCase1SeenFromTheOtherSideNeedsTheChildsCopyClosedToo() throws Exception {
        Pipe pipe = Pipe.open();
        Connection conn1 = pipe.conn1();
        Connection conn2 = pipe.conn2();
        Pipe control = Pipe.open();
        Connection go = control.conn2();
        Process p = new Process(() -> {
            go.recv();       // hold our copy of conn2 open until the parent has closed its copy
            conn2.close();
        });
        p.start();
        conn2.close();
        assertTrue(!conn1.poll(Duration.ofMillis(200)), "the child's copy of conn2 still keeps the pipe open");
        control.conn1().send("close yours");
        assertTrue(conn1.poll(BOUND));
        assertThrows(EOFException.class, conn1::recv);
        p.join(BOUND);
        assertEquals(0, p.exitCode());
    }

    @Test
    void notesCase2ReceivingOnAnEndYouClosedYourself() throws Exception {
        Pipe pipe = Pipe.open();
        Connection conn1 = pipe.conn1();
        Process p = new Process(() -> {
            conn1.close();
            conn1.recv();
        });
        p.start();
        p.join(BOUND);
        assertEquals(1, p.exitCode(), "the child's recv on its own closed end raised 'handle is closed'");
        conn1.close();
        assertEquals("handle is closed", assertThrows(IOException.class, conn1::recv).getMessage());
        pipe.conn2().close();
    }

    @Test
    void sentinelEndsTheStreamAndParentMayCloseItsCopyRightAfterStart() throws Exception {
        Pipe pipe = Pipe.open(false);
        Connection reader = pipe.conn1();
        Connection writer = pipe.conn2();
        Process producer = new Process(() -> {
            for (int i = 0; i < 100; i++) {
                writer.send(i);
            }
            writer.send(null);
        });
        producer.start();
        writer.close();
        List<Integer> got = new ArrayList<>();
        for (Object m; (m = reader.recv()) != null; ) {
            got.add((Integer) m);
        }
        assertEquals(100, got.size());
        assertEquals(99, got.get(99));
        producer.join(BOUND);
        assertThrows(EOFException.class, reader::recv, "the producer exited: every copy of the writer is closed");
        reader.close();
    }

    @Test
    @LinuxTransportOnly
    void peerDyingMidMessageIsReportedThenEof() throws Exception {
        Pipe pipe = Pipe.open(false);
        Connection reader = pipe.conn1();
        Connection writer = pipe.conn2();
        // 8 MiB cannot fit in the pipe: the writer blocks inside its message until we kill it.
        Process p = new Process(() -> writer.sendBytes(new byte[8 * 1024 * 1024]));
        p.start();
        writer.close();
        assertTrue(reader.poll(BOUND));
        p.kill();
        p.join(BOUND);
        assertEquals(-9, p.exitCode());
        IOException cut = assertThrows(IOException.class, reader::recvBytes);
        assertEquals("got end of file during message", cut.getMessage());
        assertThrows(EOFException.class, reader::recvBytes);
        reader.close();
    }

    @Test
    void endsTravelToGrandchildrenAndSiblingsTalkAfterTheCreatorCloses() throws Exception {
        Pipe pipe = Pipe.open();
        Connection left = pipe.conn1();
        Connection right = pipe.conn2();
        Pipe results = Pipe.open(false);
        Connection report = results.conn2();
        Process echo = new Process("echo", () -> {
            for (Object m; (m = right.recv()) != null; ) {
                right.send("echo:" + m);
            }
        });
        Process grandparent = new Process("asker", () -> {
            Process inner = new Process(() -> {
                left.send("hi");
                report.send(left.recv());
                left.send(null);
            });
            inner.start();
            inner.join();
        });
        echo.start();
        grandparent.start();
        left.close();
        right.close();
        report.close();
        assertTrue(results.conn1().poll(BOUND));
        assertEquals("echo:hi", results.conn1().recv());
        grandparent.join(BOUND);
        echo.join(BOUND);
        assertEquals(0, grandparent.exitCode());
        assertEquals(0, echo.exitCode());
        results.conn1().close();
    }
}
