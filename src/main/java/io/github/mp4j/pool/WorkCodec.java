package io.github.mp4j.pool;

import io.github.mp4j.RemoteTraceback;
import io.github.mp4j.SerializableCallable;
import io.github.mp4j.SerializableFunction;
import io.github.mp4j.shipping.LambdaShape;
import io.github.mp4j.shipping.Shipment;
import io.github.mp4j.wire.ObjectCodec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages between a pool and its worker JVMs, one per pipe message.
 *
 * <pre>
 * pool → worker  CALL  id:long  callable                  ({@link Shipment.Serialized})
 *                CHUNK id:long  fnId:long  fnLength:int  fn  values
 *                      (fnLength -1: the function of the previous chunk, which the worker keeps;
 *                      fn: 'L' then a {@link Shipment.CompactLambda}, or a {@link Shipment.Serialized})
 *                SHAPED id:long shapeId:long shapeLength:int shape  values   a {@link Shipment.Shaped}
 *                      lambda: its shape (sent once per worker: length -1 afterwards) and its
 *                      captured values
 *                STOP                                      finish and exit
 * (cancelling an item travels on the worker JVM's control channel instead: see {@link TaskInterrupts})
 * worker → pool  VALUE id:long  value                     ({@link ObjectCodec})
 *                LIST  id:long  values
 *                ERROR id:long  throwable                 (Java serialization, or a stand-in)
 *                INIT_ERROR     throwable                 the initializer failed; the worker exits
 *                RETIRE                                    the worker exits without running the items
 *                                                          it holds unanswered (its heap is over the limit)
 * values         INTS|LONGS|DOUBLES n:int raw*  when every value is an Integer, or every one a Long,
 *                       or every one a Double ({@link PrimitiveValues})
 *                COMPACT n:int (tag value)*   when every value has a compact form (strings, nulls...)
 *                JAVA   serialized ArrayList  otherwise
 * </pre>
 *
 * Compact values make a map over numbers cheap: a Java-serialized {@code Integer} costs a class
 * descriptor reference and an object header on top of its four bytes. Work is decoded in the
 * worker's task thread, results in the pool's reader thread for that worker.
 */
final class WorkCodec {

    static final byte CALL = 1;
    static final byte CHUNK = 2;
    static final byte STOP = 3;
    static final byte SHAPED = 4;
    static final byte VALUE = 11;
    static final byte LIST = 12;
    static final byte ERROR = 13;
    static final byte INIT_ERROR = 14;
    static final byte RETIRE = 15;

    /** Leads a {@link Shipment.CompactLambda} function; Java serialization and compact values start otherwise. */
    private static final byte LAMBDA_FUNCTION = 0x4C;
    private static final byte COMPACT = 1;
    private static final byte JAVA = 2;
    static final int HEADER = 9;

    /** Worker side: the function of the last chunk, kept so later chunks of a map need not carry it. */
    private long lastFnId = -1;
    private SerializableFunction<?, ?> lastFn;
    /** Worker side: the lambda shapes received so far. */
    private final java.util.Map<Long, LambdaShape> shapes = new java.util.HashMap<>();

    /* ---------------- pool side ---------------- */

    /** The whole message for a call. */
    static byte[] call(long id, byte[] callable) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(HEADER + callable.length);
        header(bytes, CALL, id);
        bytes.writeBytes(callable);
        return bytes.toByteArray();
    }

    /**
     * A CHUNK or SHAPED message: a definition (a map's function, a lambda shape) and values;
     * {@code definition} is null when the worker already holds definition {@code definitionId}.
     */
    static void withDefinition(Buffer out, byte kind, long id, long definitionId, byte[] definition, byte[] values) {
        out.reset();
        header(out, kind, id);
        out.writeBytes(ByteBuffer.allocate(12).putLong(definitionId)
                .putInt(definition == null ? -1 : definition.length).array());
        if (definition != null) {
            out.writeBytes(definition);
        }
        out.writeBytes(values);
    }

    static byte[] stop() {
        return new byte[] {STOP};
    }

    static byte[] retire() {
        return new byte[] {RETIRE};
    }

    /**
     * A map's function for its chunks, as {@link Shipment#selfContained} made it: a
     * {@link Shipment.CompactLambda} after the tag {@link #LAMBDA_FUNCTION} (no Java serialization
     * in the worker), else the {@link Shipment.Serialized} bytes as they are.
     */
    static byte[] function(Shipment fn) {
        if (fn instanceof Shipment.CompactLambda lambda) {
            byte[] bytes = lambda.bytes();
            return ByteBuffer.allocate(1 + bytes.length).put(LAMBDA_FUNCTION).put(bytes).array();
        }
        return ((Shipment.Serialized) fn).bytes();
    }

    private static Object readFunction(byte[] message, int offset, int length) throws IOException, ClassNotFoundException {
        if (length > 0 && message[offset] == LAMBDA_FUNCTION) {
            return Shipment.CompactLambda.read(ByteBuffer.wrap(message, offset + 1, length - 1));
        }
        return Shipment.Serialized.read(message, offset, length);
    }

    /**
     * Encodes values as one primitive array when they are all ints, longs or doubles, else as
     * compact tags when all allow it, else as one serialized list.
     */
    static byte[] values(List<?> values) throws IOException {
        return values(values, type -> { });
    }

    /** As {@link #values(List)}; {@code named} hears the classes a serialized list names. */
    static byte[] values(List<?> values, java.util.function.Consumer<Class<?>> named) throws IOException {
        byte[] primitive = PrimitiveValues.encode(values);
        if (primitive != null) {
            return primitive;
        }
        int size = 5;
        for (Object v : values) {
            int one = ObjectCodec.compactSize(v);
            if (one < 0) {
                byte[] serialized = ObjectCodec.serialize(new ArrayList<>(values), named);
                return ByteBuffer.allocate(1 + serialized.length).put(JAVA).put(serialized).array();
            }
            size += one;
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(COMPACT).putInt(values.size());
        for (Object v : values) {
            ObjectCodec.writeCompact(out, v);
        }
        return out.array();
    }

    static List<Object> readValues(byte[] message, int offset) throws IOException, ClassNotFoundException {
        if (offset >= message.length) {
            throw new StreamCorruptedException("missing values");
        }
        if (message[offset] == JAVA) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) ObjectCodec.deserialize(message, offset + 1, message.length - offset - 1);
            return list;
        }
        ByteBuffer in = ByteBuffer.wrap(message, offset + 1, message.length - offset - 1);
        if (PrimitiveValues.isPrimitive(message[offset])) {
            return PrimitiveValues.decode(message[offset], in);
        }
        int n = in.remaining() >= 4 ? in.getInt() : -1;
        if (message[offset] != COMPACT || n < 0 || n > in.remaining()) {
            throw new StreamCorruptedException("bad value list");
        }
        List<Object> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(ObjectCodec.readCompact(in));
        }
        return values;
    }

    /** What a worker answered: the item's id and its outcome. */
    record Reply(byte kind, long id, Outcome outcome) {
    }

    /** Decodes a worker's reply; {@code worker} and {@code pid} name it in a remote traceback. */
    static Reply reply(byte[] message, String worker, long pid) throws IOException {
        if (message.length == 1 && message[0] == RETIRE) {
            return new Reply(RETIRE, 0, null);
        }
        if (message.length < 1 || message[0] == INIT_ERROR && message.length < 2
                || message[0] != INIT_ERROR && message.length < HEADER) {
            throw new StreamCorruptedException("truncated reply from worker " + worker);
        }
        byte kind = message[0];
        long id = kind == INIT_ERROR ? 0 : ByteBuffer.wrap(message, 1, 8).getLong();
        int body = kind == INIT_ERROR ? 1 : HEADER;
        try {
            return switch (kind) {
                case VALUE -> new Reply(kind, id, Outcome.ok(ObjectCodec.deserialize(message, body, message.length - body)));
                case LIST -> new Reply(kind, id, Outcome.ok(readValues(message, body)));
                case ERROR, INIT_ERROR -> {
                    Throwable t = (Throwable) ObjectCodec.deserialize(message, body, message.length - body);
                    yield new Reply(kind, id, Outcome.failed(RemoteFailure.attach(t, worker, pid)));
                }
                default -> throw new StreamCorruptedException("unknown reply kind " + kind + " from worker " + worker);
            };
        } catch (ClassNotFoundException | IOException | ClassCastException e) {
            IOException unreadable = new java.io.InvalidObjectException(
                    "the result from worker " + worker + " (pid " + pid + ") cannot be read here: " + e);
            unreadable.initCause(e);
            return new Reply(kind, id, Outcome.failed(unreadable));
        }
    }

    /* ---------------- worker side ---------------- */

    /** A decoded request: STOP has no work. */
    record Request(byte kind, long id, Work work, Throwable unreadable) {
    }

    Request request(byte[] message) throws IOException {
        if (message.length == 1 && message[0] == STOP) {
            return new Request(STOP, 0, null, null);
        }
        if (message.length < HEADER || message[0] != CALL && message[0] != CHUNK && message[0] != SHAPED) {
            throw new StreamCorruptedException("not a work item");
        }
        ByteBuffer in = ByteBuffer.wrap(message, 1, message.length - 1);
        long id = in.getLong();
        try {
            if (message[0] == CALL) {
                return new Request(CALL, id, Work.call((SerializableCallable<?>)
                        Shipment.Serialized.read(message, HEADER, message.length - HEADER)), null);
            }
            long fnId = in.getLong();
            int fnLength = in.getInt();
            int offset = HEADER + 12;
            if (fnLength > message.length - offset) {
                throw new StreamCorruptedException("bad definition length " + fnLength);
            }
            if (message[0] == SHAPED) {
                if (fnLength >= 0) {
                    shapes.put(fnId, Shipment.Shaped.readShape(ByteBuffer.wrap(message, offset, fnLength)));
                    offset += fnLength;
                }
                LambdaShape shape = shapes.get(fnId);
                if (shape == null) {
                    throw new StreamCorruptedException("call refers to lambda shape " + fnId + " which this worker does not hold");
                }
                return new Request(CALL, id, Work.call((SerializableCallable<?>)
                        shape.instantiate(readValues(message, offset).toArray())), null);
            }
            if (fnLength >= 0) {
                lastFnId = -1; // stays unset if the function cannot be read
                lastFn = (SerializableFunction<?, ?>) readFunction(message, offset, fnLength);
                lastFnId = fnId;
                offset += fnLength;
            } else if (fnId != lastFnId) {
                throw new StreamCorruptedException("chunk refers to function " + fnId + " which this worker does not hold");
            }
            return new Request(CHUNK, id, Work.chunk(lastFn, readValues(message, offset)), null);
        } catch (ClassNotFoundException | ClassCastException | IOException | LinkageError
                 | java.nio.BufferUnderflowException e) {
            return new Request(message[0], id, null, e);
        }
    }

    static byte[] result(long id, Object value, boolean chunk) throws IOException {
        byte[] body = chunk ? values((List<?>) value) : ObjectCodec.serialize(value);
        // sized once: a growing stream would leave a chunk's results behind as garbage twice over
        return ByteBuffer.allocate(HEADER + body.length).put(chunk ? LIST : VALUE).putLong(id).put(body).array();
    }

    static byte[] error(long id, Throwable t) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        header(bytes, ERROR, id);
        bytes.writeBytes(throwable(t));
        return bytes.toByteArray();
    }

    static byte[] initError(Throwable t) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        bytes.write(INIT_ERROR);
        bytes.writeBytes(throwable(t));
        return bytes.toByteArray();
    }

    /** The throwable's bytes, or a stand-in's when it cannot be serialized (a field that is not). */
    private static byte[] throwable(Throwable t) {
        try {
            return ObjectCodec.serialize(t);
        } catch (IOException | RuntimeException e) {
            RemoteTraceback standIn = new RemoteTraceback(t + " (its " + t.getClass().getName()
                    + " could not be serialized: " + e + ")");
            standIn.setStackTrace(t.getStackTrace());
            try {
                return ObjectCodec.serialize(standIn);
            } catch (IOException impossible) {
                throw new AssertionError(impossible);
            }
        }
    }

    private static void header(ByteArrayOutputStream out, byte kind, long id) {
        out.write(kind);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (id >>> shift));
        }
    }

    /** A reusable message buffer whose bytes are sent without copying. */
    static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(4096);
        }

        byte[] array() {
            return buf;
        }
    }
}
