package io.github.mp4j.handles;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A file mapped into memory that can be unmapped at once, where the running Java allows it safely.
 *
 * <pre>{@code
 * Mapping mapping = Mapping.of(channel, size);
 * mapping.buffer().put(0, (byte) 1);
 * mapping.unmap();   // from Java 22 on: gone from /proc/self/maps now; before: with the GC
 * }</pre>
 *
 * <p>From Java 22 on, the file is mapped in a shared {@code java.lang.foreign.Arena} (looked up
 * reflectively, since the code is compiled for Java 17): {@link #unmap} closes the arena, which
 * releases the mapping at once, and an access through the buffer afterwards throws
 * {@link IllegalStateException} instead of touching unmapped memory. Before Java 22, no public API
 * unmaps safely, so {@link #unmap} does nothing and the mapping goes when its buffer is collected.
 * A mapping that is never unmapped is released when its buffer becomes unreachable either way.
 */
final class Mapping {

    /** {@code Arena.ofShared()}, {@code FileChannel.map(mode, offset, size, arena)} and
     * {@code MemorySegment.asByteBuffer()}; all null before Java 22. */
    private static final MethodHandle OF_SHARED;
    private static final MethodHandle MAP;
    private static final MethodHandle AS_BYTE_BUFFER;

    static {
        MethodHandle ofShared = null;
        MethodHandle map = null;
        MethodHandle asByteBuffer = null;
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> arena = Class.forName("java.lang.foreign.Arena");
            Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
            ofShared = lookup.findStatic(arena, "ofShared", MethodType.methodType(arena));
            map = lookup.findVirtual(FileChannel.class, "map", MethodType.methodType(segment,
                    FileChannel.MapMode.class, long.class, long.class, arena));
            asByteBuffer = lookup.findVirtual(segment, "asByteBuffer", MethodType.methodType(ByteBuffer.class));
        } catch (ReflectiveOperationException | LinkageError beforeJava22) {
            ofShared = null;
        }
        OF_SHARED = ofShared;
        MAP = ofShared == null ? null : map;
        AS_BYTE_BUFFER = ofShared == null ? null : asByteBuffer;
    }

    private final ByteBuffer buffer;
    /** The arena the file is mapped in, or null where mappings cannot be released at once. */
    private final AutoCloseable arena;
    private final java.lang.ref.Cleaner.Cleanable cleanable;

    private Mapping(ByteBuffer buffer, AutoCloseable arena) {
        this.buffer = buffer;
        this.arena = arena;
        // on the buffer, not on this object: while any code can still reach the buffer, it stays mapped
        this.cleanable = arena == null ? null : Cleanup.whenUnreachable(buffer, new CloseQuietly(arena));
    }

    /** Maps the first {@code size} bytes of {@code channel}'s file, read-write. */
    static Mapping of(FileChannel channel, int size) throws IOException {
        if (OF_SHARED == null) {
            return new Mapping(channel.map(FileChannel.MapMode.READ_WRITE, 0, size), null);
        }
        AutoCloseable arena;
        try {
            arena = (AutoCloseable) OF_SHARED.invoke();
        } catch (Throwable t) {
            throw new IOException("cannot create an arena for a mapping", t);
        }
        try {
            Object segment = MAP.invoke(channel, FileChannel.MapMode.READ_WRITE, 0L, (long) size, arena);
            return new Mapping((ByteBuffer) AS_BYTE_BUFFER.invoke(segment), arena);
        } catch (IOException | RuntimeException | Error e) {
            new CloseQuietly(arena).run();
            throw e;
        } catch (Throwable t) {
            new CloseQuietly(arena).run();
            throw new IOException("cannot map a file", t);
        }
    }

    /** The mapped bytes: mapped until {@link #unmap}, or until the buffer becomes unreachable. */
    ByteBuffer buffer() {
        return buffer;
    }

    /** Whether {@link #unmap} releases the mapping at once here (Java 22 and later). */
    static boolean unmapsAtOnce() {
        return OF_SHARED != null;
    }

    /** Releases the mapping at once where {@link #unmapsAtOnce()}; call once, with no access under way. */
    void unmap() {
        if (cleanable != null) {
            cleanable.clean();
        }
    }

    /**
     * Closes a descriptor or an arena, where nothing is left to do when that fails: a descriptor is
     * released even if its close reports an error, and an arena whose memory is still being
     * accessed (that access then fails) stays until the process exits. For cleaners: holds nothing
     * but what it closes.
     */
    record CloseQuietly(AutoCloseable resource) implements Runnable {
        @Override
        public void run() {
            try {
                resource.close();
            } catch (Exception ignored) {
                // see above
            }
        }
    }
}
