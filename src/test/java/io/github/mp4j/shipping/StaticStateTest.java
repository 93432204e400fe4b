package io.github.mp4j.shipping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.Connection;
import io.github.mp4j.Pipe;
import io.github.mp4j.Process;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Static field values supplied by a {@link StaticStateSource} are set in the child before its task runs. */
class StaticStateTest {

    /** Plays the part of a snippet class: statics that the child's class initialization leaves at defaults. */
    static final class Holder {
        static int number;
        static Thread notSerializable;
        static final List<String> FIXED = new ArrayList<>();
    }

    @AfterEach
    void unregister() {
        ClassShipping.setStaticStateSource(null);
        Holder.number = 0;
        Holder.notSerializable = null;
    }

    @Test
    void valuesTakenAtStartReachTheChildAndUnserializableOnesAreSkipped() throws Exception {
        List<Set<Class<?>>> asked = new ArrayList<>();
        ClassShipping.setStaticStateSource(named -> {
            asked.add(Set.copyOf(named));
            return Map.of(Holder.class.getName(), Map.of(
                    "number", Holder.number, "notSerializable", new Thread(() -> {}), "FIXED", List.of("x")));
        });
        Holder.number = 42;
        List<?> reply = runAndReply();
        assertEquals(List.of(42, true, 0), reply, "number set; the Thread skipped; the final field untouched");
        assertEquals(1, asked.size());
        assertTrue(asked.get(0).stream().anyMatch(c -> c.getName().equals(StaticStateTest.class.getName())),
                "the capturing class of the task's lambda is among the named classes: " + asked.get(0));
    }

    @Test
    void withoutASourceTheChildSeesItsOwnDefaults() throws Exception {
        Holder.number = 42;
        assertEquals(List.of(0, true, 0), runAndReply());
    }

    private static List<?> runAndReply() throws Exception {
        Pipe pipe = Pipe.open();
        Connection theirs = pipe.conn2();
        Process p = new Process(() -> theirs.send(
                List.of(Holder.number, Holder.notSerializable == null, Holder.FIXED.size())));
        p.start();
        Holder.number = -1; // after start: the child must still see the value taken at start
        theirs.close();
        try (Connection mine = pipe.conn1()) {
            List<?> reply = (List<?>) mine.recv();
            p.join(Duration.ofSeconds(30));
            assertEquals(0, p.exitCode());
            return reply;
        }
    }
}
