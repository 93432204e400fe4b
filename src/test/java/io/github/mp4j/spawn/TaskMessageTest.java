package io.github.mp4j.spawn;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InvalidClassException;
import java.io.StreamCorruptedException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two forms of a child's TASK message: parts (no Java serialization) and Java serialization. */
class TaskMessageTest {

    static final AtomicInteger SEEN = new AtomicInteger();

    interface Step extends java.io.Serializable {
        int apply();
    }

    /** A task made of a label, a count and a lambda; runs the lambda and records what it saw. */
    record Made(String label, int times, Step step) implements ChildTask, ChildTask.Parts {
        private Made(Object[] parts) {
            this((String) parts[0], (Integer) parts[1], (Step) parts[2]);
        }

        @Override
        public Object[] parts() {
            return new Object[] {label, times, step};
        }

        @Override
        public int run() {
            int sum = 0;
            for (int i = 0; i < times; i++) {
                sum += step.apply();
            }
            SEEN.set(sum);
            return label.length();
        }
    }

    private static boolean hasJavaSerializationMagic(byte[] bytes) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == (byte) 0xAC && bytes[i + 1] == (byte) 0xED) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aLambdaOverSimpleValuesTravelsAsPartsAndRunsWithThem() throws Exception {
        int base = 20;
        String word = "abc";
        byte[] body = TaskMessage.encode(new Made("four", 3, () -> base + word.length()));
        assertTrue(!hasJavaSerializationMagic(body), "parts need no Java serialization stream");
        ChildTask copy = TaskMessage.decode(body);
        assertEquals(4, copy.run());
        assertEquals(69, SEEN.get());
    }

    @Test
    void aPartThatIsNeitherSimpleNorSuchALambdaFallsBackToJavaSerialization() throws Exception {
        List<Integer> list = List.of(1, 2, 3);
        byte[] body = TaskMessage.encode(new Made("xy", 2, () -> list.size()));
        assertTrue(hasJavaSerializationMagic(body));
        assertEquals(2, TaskMessage.decode(body).run());
        assertEquals(6, SEEN.get());

        ChildTask plain = () -> 7; // not made of parts
        assertEquals(7, TaskMessage.decode(TaskMessage.encode(plain)).run());
    }

    @Test
    void damagedOrForeignMessagesFailClearly() throws Exception {
        byte[] body = TaskMessage.encode(new Made("ok", 1, () -> 1));
        assertThrows(StreamCorruptedException.class, () -> TaskMessage.decode(new byte[0]));
        assertThrows(StreamCorruptedException.class, () -> TaskMessage.decode(new byte[] {99, 1, 2}));
        for (int cut = 1; cut < body.length; cut++) {
            byte[] truncated = Arrays.copyOf(body, cut);
            assertThrows(IOException.class, () -> TaskMessage.decode(truncated), "cut at " + cut);
        }
        byte[] trailing = Arrays.copyOf(body, body.length + 1);
        assertThrows(StreamCorruptedException.class, () -> TaskMessage.decode(trailing));
        // a class that is not a ChildTask made of parts is never instantiated
        assertThrows(InvalidClassException.class, () -> TaskMessage.rebuild(String.class.getName(), new Object[0]));
        assertArrayEquals(new Object[] {"ok", 1}, Arrays.copyOf(new Made("ok", 1, () -> 1).parts(), 2));
    }
}
