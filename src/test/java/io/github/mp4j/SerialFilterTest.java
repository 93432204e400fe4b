package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InvalidClassException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.function.Function;
import org.example.untrusted.RecordingComparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mp4j.serialFilter}: what a careful user allows is all that a receive lets in, in every JVM. */
class SerialFilterTest {

    /** mp4j's own classes, the JDK's base module, nothing else. */
    static final String ALLOW_LIST = "io.github.mp4j.**;java.base/*;!*";
    private static final Duration BOUND = Duration.ofSeconds(90);

    record Reading(String name, double value) implements Serializable {}

    @Test
    void aClassOutsideTheAllowListIsRefusedBeforeItRunsInAChildAndBackHere(@TempDir Path dir) {
        Path inChild = dir.resolve("compared-in-child");
        Path here = dir.resolve("compared-here");
        assertTimeoutPreemptively(BOUND, () -> {
            try (TemporaryProperty filter = TemporaryProperty.set("mp4j.serialFilter", ALLOW_LIST)) {
                Pipe pipe = Pipe.open(true);
                Connection mine = pipe.conn1();
                Connection theirs = pipe.conn2();
                String hereName = here.toString(); // a Path is not serializable
                Process child = new Process(() -> {
                    try {
                        theirs.recv();
                        theirs.send("accepted");
                    } catch (InvalidClassException e) {
                        theirs.send(e.getMessage());
                    }
                    theirs.send(new Reading("still travels", 1.5));
                    theirs.send(RecordingComparator.queue(Path.of(hereName)));
                });
                child.start();
                mine.send(RecordingComparator.queue(inChild));
                String outcome = (String) mine.recv();
                assertTrue(outcome.contains("refused by mp4j.serialFilter")
                        && outcome.contains(RecordingComparator.class.getName()), outcome);
                assertEquals(new Reading("still travels", 1.5), mine.recv(), "the pipe goes on");
                InvalidClassException e = assertThrows(InvalidClassException.class, mine::recv);
                assertTrue(e.getMessage().contains("refused by mp4j.serialFilter"), e.getMessage());
                child.join(BOUND);
                assertEquals(0, child.exitCode());
            }
            assertFalse(Files.exists(inChild), "compare() ran in the child");
            assertFalse(Files.exists(here), "compare() ran here");
        });
    }

    @Test
    void aManagerRefusesARequestThatNamesSuchAClassAndServesTheNext(@TempDir Path dir) {
        Path marker = dir.resolve("compared-in-manager");
        assertTimeoutPreemptively(BOUND, () -> {
            try (TemporaryProperty filter = TemporaryProperty.set("mp4j.serialFilter", ALLOW_LIST);
                    Manager served = Manager.serve("127.0.0.1:0", ManagerRemoteTest.KEY)) {
                DictProxy<String, Object> d = served.dict();
                PriorityQueue<Integer> queue = RecordingComparator.queue(marker);
                RemoteError e = assertThrows(RemoteError.class, () -> d.put("q", queue));
                assertTrue(e.getMessage().contains("refused by mp4j.serialFilter"), e.getMessage());
                d.put("r", new Reading("next", 2));
                assertEquals(new Reading("next", 2), d.get("r"));
            }
            assertFalse(Files.exists(marker), "compare() ran in the manager");
        });
    }

    @Test
    void aPoolRefusesSuchAClassInATaskAndInAResultAndRunsTheNextTask(@TempDir Path dir) {
        Path inWorker = dir.resolve("compared-in-worker");
        String hereName = dir.resolve("compared-here").toString();
        assertTimeoutPreemptively(BOUND, () -> {
            try (TemporaryProperty filter = TemporaryProperty.set("mp4j.serialFilter", ALLOW_LIST);
                    Pool pool = new Pool(1)) {
                PriorityQueue<Integer> queue = RecordingComparator.queue(inWorker);
                Exception task = assertThrows(Exception.class, () -> pool.apply(queue::size));
                assertTrue(causes(task).contains("refused by mp4j.serialFilter"), causes(task));
                Exception result = assertThrows(Exception.class,
                        () -> pool.apply(() -> RecordingComparator.queue(Path.of(hereName))));
                assertTrue(causes(result).contains("refused by mp4j.serialFilter"), causes(result));
                assertEquals(3, pool.apply(() -> 1 + 2));
            }
            assertFalse(Files.exists(inWorker), "compare() ran in the worker");
            assertFalse(Files.exists(Path.of(hereName)), "compare() ran here");
        });
    }

    /** Each exception of the chain, one a line. */
    private static String causes(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }

    @Test
    void withTheDefaultSettingTheSameValuesTravelAndLambdasToo(@TempDir Path dir) {
        Path inChild = dir.resolve("compared-in-child");
        assertTimeoutPreemptively(BOUND, () -> {
            Pipe pipe = Pipe.open(true);
            Connection mine = pipe.conn1();
            Connection theirs = pipe.conn2();
            Process child = new Process(() -> {
                Object queue = theirs.recv();
                @SuppressWarnings("unchecked")
                Function<Reading, String> name = (Function<Reading, String>) theirs.recv();
                theirs.send(queue.getClass().getName() + " " + name.apply(new Reading("echo", 0)));
            });
            child.start();
            mine.send(RecordingComparator.queue(inChild));
            mine.send((Function<Reading, String> & Serializable) Reading::name);
            assertEquals("java.util.PriorityQueue echo", mine.recv());
            child.join(BOUND);
            assertTrue(Files.exists(inChild), "without an allow-list the comparator is trusted, as in Python");
        });
    }
}
