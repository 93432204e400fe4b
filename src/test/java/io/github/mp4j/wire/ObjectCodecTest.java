package io.github.mp4j.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InvalidClassException;
import java.io.Serializable;
import java.io.StreamCorruptedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectCodecTest {

    private static Object roundTrip(Object value) throws Exception {
        return ObjectCodec.deserialize(ObjectCodec.serialize(value));
    }

    @Test
    void compactAndSerializedValuesRoundTripExactly() throws Exception {
        String surrogate = "a\uD800b";   // an unpaired surrogate survives, as with Java serialization
        String longText = "x".repeat(100_000);
        for (Object v : Arrays.asList(null, 0, -1, Integer.MIN_VALUE, Long.MAX_VALUE, -0.0, Double.NaN,
                true, false, "", "héllo €", "nul\0byte", "pair \uD83D\uDE00", surrogate, longText, List.of(1, "two"), Map.of("k", 3L))) {
            assertEquals(v, roundTrip(v));
        }
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) roundTrip(new byte[] {1, 2, 3}));
        assertTrue(ObjectCodec.serialize(42).length < 8, "small values skip the serialization header");
        assertEquals((byte) 0xAC, ObjectCodec.serialize(new ArrayList<>())[0]);
    }

    @Test
    void streamsResolveThroughTheResolverTheyAreHandedAndReportWhatTheyWrite() throws Exception {
        List<Class<?>> written = new ArrayList<>();
        List<String> resolved = new ArrayList<>();
        ObjectCodec.resolveClassesWith(new ClassResolver() {
            @Override
            public Class<?> resolve(String binaryName) throws ClassNotFoundException {
                resolved.add(binaryName);
                return ClassResolver.CONTEXT_LOADER.resolve(binaryName);
            }

            @Override
            public void sending(Class<?> type) {
                written.add(type);
            }
        });
        try {
            byte[] bytes = ObjectCodec.serialize(new Point(1, 2));
            assertEquals(List.of(Point.class), written);
            assertEquals(new Point(1, 2), ObjectCodec.deserialize(bytes));
            assertEquals(List.of(Point.class.getName()), resolved);
        } finally {
            io.github.mp4j.shipping.ClassShipping.install(); // what every other test expects
        }
    }

    @Test
    void bytesThatAreNotAnObjectGiveAClearError() {
        assertTrue(assertThrows(StreamCorruptedException.class, () -> ObjectCodec.deserialize(new byte[0]))
                .getMessage().contains("recvBytes"));
        assertThrows(StreamCorruptedException.class, () -> ObjectCodec.deserialize("garbage".getBytes()));
        assertThrows(StreamCorruptedException.class, () -> ObjectCodec.deserialize(new byte[] {2, 0, 0}));
        assertThrows(StreamCorruptedException.class, () -> ObjectCodec.deserialize(new byte[] {2, 0, 0, 0, 0, 9}));
    }

    /** A class from a package the filter rejects is never instantiated. */
    @Test
    void theFilterRejectsGadgetPackagesAndDeepGraphs() throws Exception {
        Object[] deep = new Object[1];
        Object[] cur = deep;
        for (int i = 0; i < 5000; i++) {
            Object[] next = new Object[1];
            cur[0] = next;
            cur = next;
        }
        byte[] bytes;
        try {
            bytes = ObjectCodec.serialize(deep);
        } catch (StackOverflowError e) {
            return; // too deep to even write on this stack: nothing to read back
        }
        assertThrows(InvalidClassException.class, () -> ObjectCodec.deserialize(bytes));
        byte[] rejected = ObjectCodec.serialize(new javax.management.AttributeList());
        assertTrue(assertThrows(InvalidClassException.class, () -> ObjectCodec.deserialize(rejected))
                .getMessage().contains("filter"));
    }

    record Point(int x, int y) implements Serializable {}

    @Test
    void recordsAndNestedValues() throws Exception {
        assertEquals(List.of(new Point(1, 2), Map.of("p", new Point(3, 4))),
                roundTrip(List.of(new Point(1, 2), Map.of("p", new Point(3, 4)))));
    }
}
