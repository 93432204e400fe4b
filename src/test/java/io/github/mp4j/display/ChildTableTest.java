package io.github.mp4j.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.Event;
import io.github.mp4j.Eventually;
import io.github.mp4j.Process;
import io.github.mp4j.spawn.ChildStatus;
import io.github.mp4j.spawn.Children;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What %ps lists: the library's registry of child JVMs, read from /proc. */
class ChildTableTest {

    @Test
    void aRunningChildShowsItsMemoryAndAnExitedOneItsExitCode() throws Exception {
        Event release = new Event();
        Process p = new Process("ps-subject", () -> {
            release.await(Duration.ofSeconds(60));
            System.exit(3);
        });
        p.start();
        try {
            ChildStatus running = find(p.pid());
            assertEquals("ps-subject", running.name());
            assertEquals("running", running.state());
            assertNull(running.exitCode());
            assertNotNull(running.residentBytes());
            assertTrue(running.residentBytes() > 1024 * 1024, "a JVM uses more than 1 MiB: " + running.residentBytes());
            String html = new ChildTable(Children.statuses()).toHtml();
            assertTrue(html.contains("<td>" + p.pid() + "</td><td>ps-subject</td><td>running</td><td></td>"), html);
        } finally {
            release.set();
            p.join(Duration.ofSeconds(30));
        }
        assertEquals(3, p.exitCode());
        ChildStatus exited = awaitExited(p.pid());
        assertEquals(3, exited.exitCode());
        assertNull(exited.residentBytes());
        String text = new ChildTable(Children.statuses()).toString();
        assertTrue(text.lines().anyMatch(l -> l.contains(" " + p.pid() + " ") && l.contains("ps-subject")
                && l.contains("exited") && l.contains(" 3 ")), text);
    }

    @Test
    void anEmptyListSaysSo() {
        assertEquals("no child processes", new ChildTable(java.util.List.of()).toString());
    }

    private static ChildStatus find(long pid) {
        return Children.statuses().stream().filter(s -> s.pid() == pid).findFirst()
                .orElseThrow(() -> new AssertionError("pid " + pid + " not listed: " + Children.statuses()));
    }

    /** The registry learns of the exit from the process's onExit callback, which may lag join(). */
    private static ChildStatus awaitExited(long pid) throws InterruptedException {
        Eventually.holds(Duration.ofSeconds(30), () -> find(pid).state().equals("exited"));
        return find(pid);
    }
}
