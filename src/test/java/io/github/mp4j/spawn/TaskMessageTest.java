package io.github.mp4j.spawn;

import io.github.mp4j.wire.Parts;
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
public class TaskMessageTest {

    static final AtomicInteger SEEN = new AtomicInteger();

    interface Step extends java.io.Serializable {
        int apply();
    }

    /** A task made of a label, a count and a lambda; runs the lambda and records what it saw. */
    record Made(String label, int times, Step step) implements ChildTask, Parts {
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

    /** A task that carries another object made of parts. */
    record Outer(Made inner, long extra) implements ChildTask, Parts {
        private Outer(Object[] parts) {
            this((Made) parts[0], (Long) parts[1]);
        }

        @Override
        public Object[] parts() {
            return new Object[] {inner, extra};
        }

        @Override
        public int run() {
            return inner.run() + (int) extra;
        }
    }

    /** A chain of tasks each made of the next, {@code depth} deep. */
    record Chain(Object next) implements ChildTask, Parts {
        private Chain(Object[] parts) {
            this(parts[0]);
        }

        @Override
        public Object[] parts() {
            return new Object[] {next};
        }

        @Override
        public int run() {
            return next instanceof Chain c ? 1 + c.run() : 0;
        }

        static Chain of(int depth) {
            Object link = null;
            for (int i = 0; i < depth; i++) {
                link = new Chain(link);
            }
            return (Chain) link;
        }
    }

    /** Whether {@code bytes} hold the start of a Java serialization stream anywhere. */
    public static boolean hasJavaSerializationMagic(byte[] bytes) {
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
    void partsNestAndTooDeepANestingTravelsByJavaSerialization() throws Exception {
        int k = 5;
        byte[] body = TaskMessage.encode(new Outer(new Made("abc", 2, () -> k), 100));
        assertTrue(!hasJavaSerializationMagic(body));
        assertEquals(103, TaskMessage.decode(body).run());
        assertEquals(10, SEEN.get());

        byte[] shallow = TaskMessage.encode(Chain.of(8));
        assertTrue(!hasJavaSerializationMagic(shallow));
        assertEquals(7, TaskMessage.decode(shallow).run());
        byte[] deep = TaskMessage.encode(Chain.of(9));
        assertTrue(hasJavaSerializationMagic(deep), "more than 8 levels fall back");
        assertEquals(8, TaskMessage.decode(deep).run());
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
        assertThrows(InvalidClassException.class, () -> io.github.mp4j.shipping.Shipment.InParts.rebuild(String.class.getName(), new Object[0], ChildTask.class));
        assertArrayEquals(new Object[] {"ok", 1}, Arrays.copyOf(new Made("ok", 1, () -> 1).parts(), 2));
    }
}
