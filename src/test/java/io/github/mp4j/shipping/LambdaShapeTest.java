package io.github.mp4j.shipping;

import io.github.mp4j.SerializableFunction;
import io.github.mp4j.Task;
import io.github.mp4j.spawn.TaskMessageTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StreamCorruptedException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A lambda over simple values in compact form: made again exactly, without Java serialization. */
class LambdaShapeTest {

    static int square(int x) {
        return x * x;
    }

    @SuppressWarnings("unchecked")
    private static <A, R> SerializableFunction<A, R> copy(SerializableFunction<A, R> fn) throws Exception {
        byte[] bytes = LambdaShape.toBytes(fn);
        assertFalse(TaskMessageTest.hasJavaSerializationMagic(bytes));
        return (SerializableFunction<A, R>) LambdaShape.read(ByteBuffer.wrap(bytes));
    }

    @Test
    void methodReferencesAndLambdasOverSimpleValuesComeBackWorking() throws Exception {
        assertEquals(49, copy(LambdaShapeTest::square).apply(7));
        int offset = 3;
        String suffix = "!";
        SerializableFunction<Integer, String> f = x -> (x + offset) + suffix;
        assertEquals("10!", copy(f).apply(7));
    }

    @Test
    void aTaskToRunOnceIsCalledThroughItsMethodAndOtherLambdasStayLambdas() throws Exception {
        String message = "from the lambda";
        Task failing = () -> {
            throw new IOException(message);
        };
        Object task = LambdaShape.readRunOnce(ByteBuffer.wrap(LambdaShape.toBytes(failing)));
        assertInstanceOf(DirectTask.class, task);
        IOException thrown = assertThrows(IOException.class, ((Task) task)::run);
        assertEquals(message, thrown.getMessage());

        SerializableFunction<Integer, Integer> f = LambdaShapeTest::square;
        Object fn = LambdaShape.readRunOnce(ByteBuffer.wrap(LambdaShape.toBytes(f)));
        assertTrue(fn.getClass().isHidden(), fn.getClass().getName());
        @SuppressWarnings("unchecked")
        SerializableFunction<Integer, Integer> copy = (SerializableFunction<Integer, Integer>) fn;
        assertEquals(49, copy.apply(7));
    }

    @Test
    void otherCapturesAndNonLambdasHaveNoCompactForm() {
        List<Integer> list = List.of(1);
        SerializableFunction<Integer, Integer> f = x -> x + list.size();
        assertNull(LambdaShape.toBytes(f));
        assertNull(LambdaShape.toBytes("not a lambda"));
    }

    @Test
    void damagedBytesFailClearly() throws Exception {
        byte[] bytes = LambdaShape.toBytes((SerializableFunction<Integer, Integer>) LambdaShapeTest::square);
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThrows(IOException.class, () -> LambdaShape.read(ByteBuffer.wrap(truncated)), "cut at " + cut);
        }
        byte[] key = LambdaShape.keyBytes(List.of("a", "b"));
        assertThrows(StreamCorruptedException.class, () -> LambdaShape.readKey(ByteBuffer.wrap(key)));
        byte[] negative = ByteBuffer.allocate(4).putInt(-1).array();
        assertThrows(StreamCorruptedException.class, () -> LambdaShape.read(ByteBuffer.wrap(negative)));
    }
}
