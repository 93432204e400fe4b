package io.github.mp4j.pool;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Writes prepared items to one worker JVM's pipe ({@link WorkCodec}'s CALL, SHAPED and CHUNK), each
 * definition (a map's function, a lambda's shape) along with the first item that needs it only.
 * Remembers what its worker holds, so one writer serves one worker, from one thread.
 */
final class WorkWriter {

    private final WorkCodec.Buffer buffer = new WorkCodec.Buffer();
    private long lastFunction = -1;
    private final Set<Long> shapesSent = new HashSet<>();

    /** Writes {@code item}, prepared by {@link JvmWorkers}, into {@code conn}'s batch (not flushed). */
    void write(PrivateEnd conn, WorkItem item) throws IOException {
        if (item.prepared instanceof JvmWorkers.ShapedCall call) {
            WorkCodec.withDefinition(buffer, WorkCodec.SHAPED, item.id, call.shapeId(),
                    shapesSent.add(call.shapeId()) ? call.shape() : null, call.captured());
            conn.send(buffer.array(), 0, buffer.size());
        } else if (item.prepared instanceof JvmWorkers.Call call) {
            conn.send(call.message(), 0, call.message().length);
        } else if (item.prepared instanceof JvmWorkers.Chunk chunk) {
            WorkItem.Function function = item.function;
            WorkCodec.withDefinition(buffer, WorkCodec.CHUNK, item.id, function.id,
                    function.id == lastFunction ? null : function.encoded, chunk.values());
            conn.send(buffer.array(), 0, buffer.size());
            lastFunction = function.id;
        } else {
            throw new IllegalStateException(item.label() + " was not prepared by JvmWorkers: " + item.prepared);
        }
    }
}
