package io.github.mp4j;

import io.github.mp4j.handles.NamedBlock;
import io.github.mp4j.handles.Transfer;

import java.io.IOException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A block of memory with a name, which any process of the same user on this host can attach to by
 * that name, mp4j's or not: a JVM started on its own, or Python's
 * {@code multiprocessing.shared_memory.SharedMemory(name)}. Python's
 * {@code multiprocessing.shared_memory.SharedMemory}.
 *
 * <pre>{@code
 * try (SharedMemory shm = SharedMemory.create(1024)) {           // Python: SharedMemory(create=True, size=1024)
 *     shm.buf().putInt(0, 42);
 *     Process p = new Process(() -> {
 *         try (SharedMemory same = SharedMemory.attach(shm.name())) { // Python: SharedMemory(name)
 *             same.buf().putInt(4, same.buf().getInt(0) + 1);
 *         }
 *     });
 *     p.start();
 *     p.join();
 *     System.out.println(shm.buf().getInt(4));                 // 43
 *     shm.unlink();                                            // the creator unlinks
 * }
 * }</pre>
 *
 * <p>The block is the file {@code /dev/shm/<name>} (mode {@code rw-------}), the one POSIX
 * {@code shm_open} makes, so Python attaches to a name made here and the other way round. Its bytes
 * are plain memory: {@link #buf()} gives unsynchronized access, so publish what you write with a
 * {@link Lock}, an {@link Event}, or a message; {@link Value} and {@link Array} are the typed,
 * synchronized alternative.
 *
 * <p>Lifetime, as in Python: {@link #close()} unmaps the block in this process; {@link #unlink()}
 * removes the name, once, and the memory goes when the last process has closed it. The process
 * that created a block is the one to unlink it: if it has not when its JVM exits normally, an exit
 * hook does (Python's resource tracker does the same and warns). A creator killed with SIGKILL
 * leaves the name behind until someone unlinks it. A {@code SharedMemory} is serializable by name
 * (in a task, a message, anywhere); the receiver attaches on arrival.
 */
public final class SharedMemory implements Serializable, AutoCloseable {

    private static final long serialVersionUID = 1L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final transient NamedBlock block;
    private final transient ByteBuffer buf;
    /** Set by the creator's JVM until the name is unlinked; null in attached instances. */
    private final transient Thread unlinkAtExit;
    private transient volatile boolean closed;
    private transient volatile boolean unlinked;

    private SharedMemory(String name, NamedBlock block, boolean created) {
        this.name = name;
        this.block = block;
        this.buf = block.buffer();
        this.unlinkAtExit = created ? new Thread(() -> unlinkQuietly(name), "mp4j-unlink-" + name) : null;
        if (created) {
            Runtime.getRuntime().addShutdownHook(unlinkAtExit);
        }
    }

    /**
     * Creates a block of {@code size} zero bytes with a new random name ({@code psm_} and 16 hex
     * digits). Python's {@code SharedMemory(create=True, size=size)}.
     *
     * @throws IllegalArgumentException "'size' must be a positive number different from zero"
     * @throws IOException if the block cannot be created
     */
    public static SharedMemory create(int size) throws IOException {
        return create(newName(), size);
    }

    /** A new random name: {@code psm_} and 16 hex digits, as Python's. */
    static String newName() {
        byte[] token = new byte[8];
        RANDOM.nextBytes(token);
        return "psm_" + HexFormat.of().formatHex(token);
    }

    /**
     * Creates a block of {@code size} zero bytes named {@code name} (a leading {@code /} is
     * dropped). Python's {@code SharedMemory(name, create=True, size=size)}.
     *
     * @throws IllegalArgumentException "'size' must be a positive number different from zero", or a
     *         name that is empty or holds another {@code /}
     * @throws java.nio.file.FileAlreadyExistsException if a block of that name exists
     * @throws IOException if the block cannot be created
     */
    public static SharedMemory create(String name, int size) throws IOException {
        if (size <= 0) {
            throw new IllegalArgumentException("'size' must be a positive number different from zero");
        }
        String checked = checkName(name);
        return new SharedMemory(checked, NamedBlock.create(checked, size), true);
    }

    /**
     * Attaches to the existing block {@code name}, all of it. Python's {@code SharedMemory(name)}.
     *
     * @throws java.nio.file.NoSuchFileException if no block has that name
     * @throws IllegalArgumentException for a name that is empty or holds another {@code /}
     * @throws IOException if the block cannot be mapped
     */
    public static SharedMemory attach(String name) throws IOException {
        String checked = checkName(name);
        return new SharedMemory(checked, NamedBlock.attach(checked), false);
    }

    private static String checkName(String name) {
        String bare = name.startsWith("/") ? name.substring(1) : name;
        if (bare.isEmpty() || bare.contains("/") || bare.equals(".") || bare.equals("..")) {
            throw new IllegalArgumentException("invalid shared memory name: " + name);
        }
        return bare;
    }

    /** The block's name, without a leading {@code /}, as Python gives it. */
    public String name() {
        return name;
    }

    /** The block's size in bytes. */
    public int size() {
        return block.size();
    }

    /**
     * A view of the block's bytes in big-endian order, position 0, limit {@link #size()}: a new
     * buffer each call, so positions are the caller's own. Python's {@code buf}.
     *
     * @throws IllegalStateException "shared memory is closed" after {@link #close()}
     */
    public ByteBuffer buf() {
        if (closed) {
            throw new IllegalStateException("shared memory is closed");
        }
        return buf.duplicate();
    }

    /**
     * Unmaps the block in this process: from Java 22 on at once (buffers taken from {@link #buf()}
     * then throw {@link IllegalStateException}); before, when those buffers are collected. Other
     * processes keep theirs; the name stays until {@link #unlink()}. Closing twice is harmless.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        block.unmap();
    }

    /**
     * Removes the block's name, so no process can attach to it any more; those attached keep it
     * until they close. Call it once, in one process (the creator's, by Python's rule).
     *
     * @throws java.nio.file.NoSuchFileException if the name is gone already
     * @throws IOException if it cannot be removed
     */
    public void unlink() throws IOException {
        NamedBlock.unlink(name);
        unlinked = true;
        if (unlinkAtExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(unlinkAtExit);
            } catch (IllegalStateException exiting) {
                // the hook runs anyway and finds the name gone
            }
        }
    }

    private static void unlinkQuietly(String name) {
        try {
            NamedBlock.unlink(name);
        } catch (IOException gone) {
            // unlinked elsewhere meanwhile
        }
    }

    @Override
    public String toString() {
        return "SharedMemory('" + name + "', size=" + size() + (closed ? ", closed" : "") + (unlinked ? ", unlinked" : "") + ")";
    }

    /* ---------------- travelling: by name ---------------- */

    private Object writeReplace() {
        return new ByName(name);
    }

    /** A block in flight: its name; the receiver attaches. */
    private static final class ByName implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String name;

        ByName(String name) {
            this.name = name;
        }

        private Object readResolve() throws ObjectStreamException {
            try {
                return attach(name);
            } catch (IOException e) {
                throw Transfer.failure("cannot attach to shared memory " + name + ": " + e, e);
            }
        }
    }
}
