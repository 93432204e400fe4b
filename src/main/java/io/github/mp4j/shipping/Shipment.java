package io.github.mp4j.shipping;

import io.github.mp4j.handles.Transfer;
import io.github.mp4j.wire.ObjectCodec;
import io.github.mp4j.wire.Parts;

import java.io.IOException;
import java.lang.invoke.SerializedLambda;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A task in the form it travels in, and the one place that decides that form: a pool's call or map
 * function, a child's task, a function sent to a manager. What carries the result (a pool message,
 * a child's TASK body, a manager request) only frames it, and reads it back through the record
 * that matches its form.
 *
 * <pre>{@code
 * Shipment s = Shipment.forWorker(task);       // on the submitting thread
 * if (s instanceof Shipment.Shaped l) ...      // the shape once per receiver, then its captured values
 * else ((Shipment.Serialized) s).bytes() ...   // Java serialization, with the static snapshot
 * }</pre>
 */
public sealed interface Shipment {

    /*
     * Implementation overview: the forms, and the path of each kind of task.
     *
     * Forms. Serialized: Java serialization of the task through wire/ObjectCodec, wrapped in a
     * StaticSnapshot when a StaticStateSource is registered (the kernel: the cells' variables travel
     * with the task), with the classes its stream names. Shaped: a serializable lambda as its shape
     * (nine strings, the same for every lambda made at one place) and its captured values, for a
     * receiver that keeps shapes. CompactLambda: shape and captured values together, when every
     * captured value has wire/ObjectCodec's compact form, for a receiver that keeps nothing. InParts:
     * an object made of wire/Parts (a child's bootstrap, a pool's worker loop), each part a compact
     * value, a CompactLambda or itself made of parts (PartsForm). A lambda is Shaped or CompactLambda
     * only while no StaticStateSource is registered (LambdaShape.describe): the snapshot travels in a
     * serialization stream, so a notebook's tasks are Serialized.
     *
     * Pool.applyAsync -> Dispatcher.submit -> backend.prepare, on the submitting thread:
     *   JvmWorkers: forWorker(call): Shaped -> a SHAPED message (pool/WorkCodec), its shape sent once
     *   per worker; Serialized -> a CALL message. A map's function: selfContained(fn), sent once per
     *   worker with its chunks. The worker (pool/WorkerLoop -> WorkCodec.request, in its JVM) reads
     *   them back with Serialized.read, Shaped.readShape then LambdaShape.instantiate, and
     *   CompactLambda.read; its replies are plain wire/ObjectCodec values.
     *   PortableWork (a cluster node's slot): serialized(task) for calls and functions; the node
     *   loads the classes the stream names before it reads the message.
     * Process.start -> spawn/TaskMessage.encode, inside handles/Transfer.countingHandles (pipe ends,
     *   locks and queues may describe themselves only there): forChild(task): InParts when the task
     *   is made of parts that all travel so, else Serialized. A pool's worker starts the same way,
     *   its WorkerLoop made of parts. The child (spawn/ChildMain) reads it back with InParts.read,
     *   whose lambdas are run-once tasks, or Serialized.read.
     * Manager calls (manager/Requests): a function argument is serialized(fn) while a
     *   StaticStateSource is registered (carriesStaticState); otherwise values are plain
     *   wire/ObjectCodec values, a stateless function's bytes kept once per class.
     *
     * Classes: every stream reports the classes it names to ClassShipping, installed into
     * wire/ObjectCodec as its ClassResolver; that is how a child's or a node's request for class bytes
     * is answered and how results of those classes resolve on their way back.
     */

    /**
     * Java serialization of a task, with the static state snapshot when a {@link StaticStateSource}
     * is registered; {@code named} lists every class the stream names (what a receiver that fetches
     * classes on demand must find).
     */
    record Serialized(byte[] bytes, List<Class<?>> named) implements Shipment {

        /** The task that {@link #bytes} held, set in this process with its static snapshot first. */
        public static Object read(byte[] message, int offset, int length) throws IOException, ClassNotFoundException {
            return ObjectCodec.deserialize(message, offset, length);
        }
    }

    /** A lambda as its shape, the same for every lambda made at one place, and its captured values. */
    record Shaped(List<String> shape, Object[] captured) implements Shipment {

        /** The shape in the form {@link #readShape} reads; null with a name of over 16 Ki characters. */
        public byte[] shapeBytes() {
            return LambdaShape.keyBytes(shape);
        }

        /** The shape that {@link #shapeBytes} wrote; {@link LambdaShape#instantiate} makes its lambdas. */
        public static LambdaShape readShape(ByteBuffer in) throws IOException {
            return LambdaShape.readKey(in);
        }
    }

    /** A lambda over simple values, shape and captured values in one compact form. */
    record CompactLambda(byte[] bytes) implements Shipment {

        /** The lambda that {@link #bytes} held, for a receiver that calls it many times. */
        public static Object read(ByteBuffer in) throws IOException, ClassNotFoundException {
            return LambdaShape.read(in);
        }

        /**
         * The lambda that {@link #bytes} held, for a receiver that runs it once: a {@code Task} comes
         * back calling its method by reflection, so a child that links no lambda never bootstraps
         * {@code LambdaMetafactory} (about 13 ms of a fresh JVM, Java 17).
         */
        public static Object readRunOnce(ByteBuffer in) throws IOException, ClassNotFoundException {
            return LambdaShape.readRunOnce(in);
        }
    }

    /**
     * An object made of {@link Parts}, every part a simple value, a {@link CompactLambda} or itself
     * made of parts, so that the receiver never starts Java serialization (see {@link PartsForm}).
     */
    record InParts(byte[] bytes) implements Shipment {

        /**
         * The object that {@link #bytes} held, which must be an {@code expected}; lambdas among its
         * parts come back as tasks to run once ({@link CompactLambda#readRunOnce}).
         *
         * @throws java.nio.BufferUnderflowException when the bytes end early
         */
        public static Object read(ByteBuffer in, Class<?> expected) throws IOException, ClassNotFoundException {
            return PartsForm.read(in, expected, 0);
        }

        /**
         * The object of class {@code type} made of {@code parts}, as {@link #read} makes it: by its
         * constructor that takes an {@code Object[]}.
         *
         * @throws java.io.InvalidClassException when {@code type} is not an {@code expected} made of
         *         parts (it is then not instantiated), or {@code mp4j.serialFilter} refuses it
         */
        public static Object rebuild(String type, Object[] parts, Class<?> expected)
                throws IOException, ClassNotFoundException {
            return PartsForm.rebuild(type, parts, expected);
        }
    }

    /**
     * {@code task} for a receiver that keeps lambda shapes (a pool's worker JVM): {@link Shaped}
     * when it is a lambda we may look into, else {@link Serialized}.
     *
     * @throws IOException when it has to be serialized and cannot be
     */
    static Shipment forWorker(Object task) throws IOException {
        SerializedLambda lambda = LambdaShape.describe(task);
        return lambda == null ? serialized(task) : new Shaped(LambdaShape.key(lambda), LambdaShape.capturedArgs(lambda));
    }

    /**
     * {@code task} for a receiver that keeps nothing between messages: {@link CompactLambda} when it
     * is a lambda over simple values, else {@link Serialized}.
     *
     * @throws IOException when it has to be serialized and cannot be
     */
    static Shipment selfContained(Object task) throws IOException {
        CompactLambda lambda = compactLambda(task);
        return lambda != null ? lambda : serialized(task);
    }

    /**
     * {@code value} as a {@link CompactLambda}, or null when it is not a lambda we may look into or
     * captured a value without a compact form; nothing is serialized either way.
     */
    static CompactLambda compactLambda(Object value) {
        byte[] bytes = LambdaShape.toBytes(value);
        return bytes == null ? null : new CompactLambda(bytes);
    }

    /**
     * {@code task} in Java serialization, with the static state snapshot when a
     * {@link StaticStateSource} is registered. Pipe ends, locks and queues refuse to travel so.
     *
     * @throws IOException when it cannot be serialized
     */
    static Serialized serialized(Object task) throws IOException {
        List<Class<?>> named = new ArrayList<>();
        StaticStateSource source = ClassShipping.staticStateSource();
        byte[] bytes = source == null ? ObjectCodec.serialize(task, named::add)
                : StaticSnapshot.serialize(task, source, named::add);
        return new Serialized(bytes, List.copyOf(named));
    }

    /**
     * {@code task} for a child being started: {@link InParts} when it is made of {@link Parts} that
     * all travel so, else {@link Serialized}. Pipe ends, locks and queues the task captured describe
     * themselves (see {@link Transfer}), and the child acknowledges once it has opened its copies.
     *
     * @throws IOException when it cannot be serialized
     */
    static Shipment forChild(Object task) throws IOException {
        if (task instanceof Parts made) {
            byte[] parts = Transfer.whileStartingChild(() -> PartsForm.write(made));
            if (parts != null) {
                return new InParts(parts);
            }
        }
        Serialized[] done = new Serialized[1];
        Transfer.whileStartingChild(() -> (done[0] = serialized(task)).bytes());
        return done[0];
    }

    /**
     * Whether tasks now carry a static state snapshot (the kernel registered a
     * {@link StaticStateSource}): a function that would otherwise travel by a cheaper path must
     * then go through {@link #serialized}.
     */
    static boolean carriesStaticState() {
        return ClassShipping.staticStateSource() != null;
    }
}
