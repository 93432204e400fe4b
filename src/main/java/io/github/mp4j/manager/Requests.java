package io.github.mp4j.manager;

import io.github.mp4j.RemoteError;
import io.github.mp4j.shipping.ClassShipping;
import io.github.mp4j.shipping.Shipment;
import io.github.mp4j.wire.ObjectCodec;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.ByteArrayInputStream;

/**
 * The manager's wire format: one request frame, one reply frame.
 *
 * <pre>
 * request = op:byte, then
 *   CALL     id:long  method:UTF  argc:byte  (length:int  value)*   (length < 0: a stateless function)
 *   CREATE   typeid:UTF           argc:byte  (length:int  value)*
 *   REGISTER typeid:UTF           1          (length:int  factory)
 *   SHUTDOWN
 * reply   = status:byte (OK | ERROR)  value
 * </pre>
 *
 * Every value is one {@link ObjectCodec} message, so integers and short strings travel in a few bytes
 * and anything else by Java serialization under the deserialization filter. An error reply carries
 * the exception itself, or a {@link RemoteError} describing it when it cannot be serialized.
 */
final class Requests {

    static final byte CALL = 1;
    static final byte CREATE = 2;
    static final byte REGISTER = 3;
    static final byte SHUTDOWN = 4;
    static final byte OK = 0;
    static final byte ERROR = 1;

    private static final Object[] NO_ARGS = {};

    static {
        ClassShipping.install(); // values resolve classes as tasks do, even with no task shipped yet
    }

    private Requests() {}

    /** A decoded request; {@code id} is 0 and {@code name} the typeid for CREATE and REGISTER. */
    static final class Request {
        final byte op;
        final long id;
        final String name;
        final Object[] args;

        Request(byte op, long id, String name, Object[] args) {
            this.op = op;
            this.id = id;
            this.name = name;
            this.args = args;
        }
    }

    static byte[] call(long id, String method, Object[] args) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(CALL);
        out.writeLong(id);
        out.writeUTF(method);
        writeArgs(out, args);
        return bytes.toByteArray();
    }

    static byte[] named(byte op, String typeid, Object[] args) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(op);
        out.writeUTF(typeid);
        writeArgs(out, args);
        return bytes.toByteArray();
    }

    static byte[] shutdown() {
        return new byte[] {SHUTDOWN};
    }

    private static void writeArgs(DataOutputStream out, Object[] args) throws IOException {
        int n = args == null ? 0 : args.length;
        out.writeByte(n);
        for (int i = 0; i < n; i++) {
            Object arg = args[i];
            if (!StatelessFunctions.isFunction(arg)) {
                writeArg(out, ObjectCodec.serialize(arg), false);
            } else if (Shipment.carriesStaticState()) {
                // a notebook's function may read its top-level variables: send their values along
                writeArg(out, Shipment.serialized(arg).bytes(), false);
            } else if (StatelessFunctions.isStateless(arg)) {
                writeArg(out, StatelessFunctions.bytesOf(arg), true);
            } else {
                writeArg(out, ObjectCodec.serialize(arg), false);
            }
        }
    }

    /** A negative length marks a stateless function, which the server may read once and keep. */
    private static void writeArg(DataOutputStream out, byte[] value, boolean reusable) throws IOException {
        out.writeInt(reusable ? -value.length : value.length);
        out.write(value);
    }

    /**
     * Decodes a request.
     *
     * @throws IOException if the bytes are not a request, or a value cannot be deserialized
     */
    static Request decode(byte[] frame) throws IOException, ClassNotFoundException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame));
        try {
            byte op = in.readByte();
            switch (op) {
                case CALL -> {
                    long id = in.readLong();
                    String method = in.readUTF();
                    return new Request(op, id, method, readArgs(in, frame));
                }
                case CREATE, REGISTER -> {
                    String typeid = in.readUTF();
                    return new Request(op, 0, typeid, readArgs(in, frame));
                }
                case SHUTDOWN -> {
                    return new Request(op, 0, null, NO_ARGS);
                }
                default -> throw new IOException("malformed request: unknown operation " + op);
            }
        } catch (java.io.EOFException e) {
            throw new IOException("malformed request: truncated", e);
        }
    }

    private static Object[] readArgs(DataInputStream in, byte[] frame) throws IOException, ClassNotFoundException {
        int n = in.readUnsignedByte();
        if (n == 0) {
            return NO_ARGS;
        }
        Object[] args = new Object[n];
        for (int i = 0; i < n; i++) {
            int marked = in.readInt();
            int length = Math.abs(marked);
            int offset = frame.length - in.available();
            if (length <= 0 || length > in.available()) {
                throw new IOException("malformed request: argument of " + marked + " bytes");
            }
            args[i] = marked < 0 ? StatelessFunctions.read(frame, offset, length)
                    : ObjectCodec.deserialize(frame, offset, length);
            in.skipBytes(length);
        }
        return args;
    }

    static byte[] ok(Object value) throws IOException {
        return withStatus(OK, ObjectCodec.serialize(value));
    }

    static byte[] error(Throwable failure) {
        try {
            return withStatus(ERROR, ObjectCodec.serialize(failure));
        } catch (IOException notSerializable) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            RemoteError described = new RemoteError(failure + " (its type could not be sent back: "
                    + notSerializable.getMessage() + ")\n" + trace);
            try {
                return withStatus(ERROR, ObjectCodec.serialize(described));
            } catch (IOException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private static byte[] withStatus(byte status, byte[] value) {
        byte[] reply = new byte[value.length + 1];
        reply[0] = status;
        System.arraycopy(value, 0, reply, 1, value.length);
        return reply;
    }

    /**
     * The value of a reply, or the exception it carries, thrown as it was raised in the manager.
     *
     * @throws IOException if the reply cannot be read
     */
    static Object result(byte[] reply) throws Exception {
        if (reply.length < 2 || (reply[0] != OK && reply[0] != ERROR)) {
            throw new IOException("malformed reply from the manager");
        }
        Object value;
        try {
            value = ObjectCodec.deserialize(reply, 1, reply.length - 1);
        } catch (ClassNotFoundException e) {
            throw new RemoteError("the manager's reply names a class this JVM lacks: " + e.getMessage(), e);
        }
        if (reply[0] == OK) {
            return value;
        }
        if (value instanceof Exception e) {
            throw e;
        }
        if (value instanceof Error e) {
            throw e;
        }
        throw new RemoteError("the manager failed: " + value);
    }
}
