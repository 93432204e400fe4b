package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.platform.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The proof behind the portable transport (see {@link Transport}): while a parent and its children
 * use pipes, locks, events, semaphores and shared values, none of them holds a descriptor or a
 * mapping under {@code /proc} or {@code /dev/shm}, nor a FIFO. This test reads {@code /proc} itself,
 * from outside the library, so it runs on Linux only, in the portable run.
 */
@EnabledIf(value = "io.github.mp4j.PortableDescriptorsTest#portable",
        disabledReason = "checks the portable transport; this run uses Linux's")
class PortableDescriptorsTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    static boolean portable() {
        return Transport.current() == Transport.PORTABLE;
    }

    @Test
    void parentAndChildrenHoldNothingUnderProcOrDevShmAndNoFifo() throws Exception {
        Pipe duplex = Pipe.open();
        Pipe oneWay = Pipe.open(false);
        Lock lock = new Lock();
        RLock rlock = new RLock();
        Event event = new Event();
        Semaphore semaphore = new Semaphore(2);
        Connection child = duplex.conn2();
        Connection report = oneWay.conn2();
        List<Process> started = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Process p = new Process(() -> {
                try (Held held = lock.hold()) {
                    rlock.acquire();
                    rlock.release();
                }
                semaphore.acquire();
                semaphore.release();
                Process grandchild = new Process(event::set);
                grandchild.start();
                grandchild.join(BOUND);
                report.send(offending());
                child.send(child.recv()); // holds its copies until the parent has looked at its own
            });
            p.start();
            started.add(p);
        }
        child.close();
        report.close();
        assertTrue(event.await(BOUND), "a grandchild set the event");
        List<String> offending = new ArrayList<>(offending());
        for (Process p : started) {
            assertTrue(oneWay.conn1().poll(BOUND), "a child's report");
            @SuppressWarnings("unchecked")
            List<String> theirs = (List<String>) oneWay.conn1().recv();
            offending.addAll(theirs);
        }
        for (Process p : started) {
            duplex.conn1().send("done");
            assertEquals("done", duplex.conn1().recv());
        }
        for (Process p : started) {
            p.join(BOUND);
            assertEquals(0, p.exitCode());
        }
        assertEquals(List.of(), offending);
        duplex.conn1().close();
        oneWay.conn1().close();
    }

    /** This process's descriptors and mappings under /proc or /dev/shm, and its FIFOs. */
    static List<String> offending() {
        List<String> found = new ArrayList<>();
        try (Stream<Path> links = Files.list(Path.of("/proc/self/fd"))) {
            for (Path link : (Iterable<Path>) links::iterator) {
                String target;
                try {
                    target = Files.readSymbolicLink(link).toString();
                } catch (IOException closedMeanwhile) {
                    continue; // the listing's own descriptor
                }
                if (target.startsWith("/proc/") && !target.equals("/proc/self/fd")
                        && !target.startsWith("/proc/" + ProcessHandle.current().pid() + "/fd")
                        || target.startsWith("/dev/shm/") || target.contains("mp4j-fifo")
                        || target.startsWith("/") && isFifo(target)) {
                    found.add(ProcessHandle.current().pid() + " fd " + target);
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                if (line.contains("/dev/shm/") || line.contains(" /proc/")) {
                    found.add(ProcessHandle.current().pid() + " maps " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static boolean isFifo(String target) {
        try {
            Object mode = Files.getAttribute(Path.of(target), "unix:mode");
            return mode instanceof Integer bits && (bits & 0170000) == 0010000; // S_IFIFO
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException gone) {
            return false; // deleted, or not a path
        }
    }
}
