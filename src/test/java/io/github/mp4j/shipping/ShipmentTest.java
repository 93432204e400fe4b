package io.github.mp4j.shipping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.Connection;
import io.github.mp4j.Pipe;
import io.github.mp4j.SerializableCallable;
import io.github.mp4j.SerializableFunction;
import io.github.mp4j.wire.Parts;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one place that decides how a task travels: each kind of task takes the form it should, and comes back. */
class ShipmentTest {

    @AfterEach
    void unregister() {
        ClassShipping.setStaticStateSource(null);
    }

    /** A callable that is an object, not a lambda. */
    record Sum(int a, int b) implements SerializableCallable<Integer> {
        @Override
        public Integer call() {
            return a + b;
        }
    }

    /** A task made of parts, as a child's bootstrap is. */
    record Made(String label, SerializableFunction<Integer, Integer> step) implements Parts, java.io.Serializable {
        private Made(Object[] parts) {
            this((String) parts[0], cast(parts[1]));
        }

        @SuppressWarnings("unchecked")
        private static SerializableFunction<Integer, Integer> cast(Object step) {
            return (SerializableFunction<Integer, Integer>) step;
        }

        @Override
        public Object[] parts() {
            return new Object[] {label, step};
        }
    }

    @Test
    void aLambdaIsShapedForAWorkerAndItsShapeMakesItAgain() throws Exception {
        int offset = 3;
        SerializableCallable<Integer> task = () -> offset * 2;
        Shipment.Shaped shaped = assertInstanceOf(Shipment.Shaped.class, Shipment.forWorker(task));
        assertEquals(List.of(3), List.of(shaped.captured()));
        LambdaShape shape = Shipment.Shaped.readShape(ByteBuffer.wrap(shaped.shapeBytes()));
        assertEquals(14, ((SerializableCallable<?>) shape.instantiate(new Object[] {7})).call());
    }

    @Test
    void aLambdaOverSimpleValuesIsSelfContainedWithoutJavaSerialization() throws Exception {
        String suffix = "!";
        SerializableFunction<Integer, String> fn = x -> x + suffix;
        Shipment.CompactLambda lambda = assertInstanceOf(Shipment.CompactLambda.class, Shipment.selfContained(fn));
        @SuppressWarnings("unchecked")
        SerializableFunction<Integer, String> copy =
                (SerializableFunction<Integer, String>) Shipment.CompactLambda.read(ByteBuffer.wrap(lambda.bytes()));
        assertEquals("5!", copy.apply(5));
    }

    @Test
    void aLambdaThatCapturedAnObjectIsSelfContainedOnlyBySerialization() throws Exception {
        List<Integer> list = List.of(1, 2, 3);
        SerializableFunction<Integer, Integer> fn = x -> x + list.size();
        Shipment.Serialized serialized = assertInstanceOf(Shipment.Serialized.class, Shipment.selfContained(fn));
        @SuppressWarnings("unchecked")
        SerializableFunction<Integer, Integer> copy = (SerializableFunction<Integer, Integer>)
                Shipment.Serialized.read(serialized.bytes(), 0, serialized.bytes().length);
        assertEquals(4, copy.apply(1));
    }

    @Test
    void anObjectTaskIsSerializedAndNamesItsClasses() throws Exception {
        Shipment.Serialized serialized = assertInstanceOf(Shipment.Serialized.class, Shipment.forWorker(new Sum(2, 3)));
        assertTrue(serialized.named().contains(Sum.class), serialized.named().toString());
        assertEquals(5, ((Sum) Shipment.Serialized.read(serialized.bytes(), 0, serialized.bytes().length)).call());
    }

    @Test
    void withAStaticStateSourceEveryLambdaIsSerializedWithTheSnapshot() throws Exception {
        int offset = 3;
        SerializableCallable<Integer> task = () -> offset;
        ClassShipping.setStaticStateSource(named -> Map.of());
        assertTrue(Shipment.carriesStaticState());
        assertInstanceOf(Shipment.Serialized.class, Shipment.forWorker(task));
        assertInstanceOf(Shipment.Serialized.class, Shipment.selfContained(task));
        assertEquals(null, Shipment.compactLambda(task));
    }

    @Test
    void aTaskMadeOfSimplePartsTravelsInPartsElseSerialized() throws Exception {
        int k = 4;
        Shipment.InParts parts = assertInstanceOf(Shipment.InParts.class, Shipment.forChild(new Made("x", x -> x + k)));
        Made copy = (Made) Shipment.InParts.read(ByteBuffer.wrap(parts.bytes()), Made.class);
        assertEquals("x", copy.label());
        assertEquals(5, copy.step().apply(1));

        List<Integer> list = List.of(1);
        assertInstanceOf(Shipment.Serialized.class, Shipment.forChild(new Made("y", x -> x + list.size())));
    }

    @Test
    void aPipeEndTravelsOnlyInAChildsTask() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.conn1(); Connection b = pipe.conn2()) {
            SerializableCallable<Integer> task = () -> b.fileno();
            assertThrows(NotSerializableException.class, () -> Shipment.serialized(task));
            assertInstanceOf(Shipment.Serialized.class, Shipment.forChild(task));
        }
    }
}
