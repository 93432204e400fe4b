package io.github.mp4j.handles;

import io.github.mp4j.platform.LinuxPaths;

import java.io.IOException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A block of memory shared by every process that holds it: the home of mp4j's locks, semaphores,
 * events and queue counters, and of pipes' read-ahead buffers and large payloads. Holds 64-bit
 * slots at multiples of 8 bytes, and plain bytes anywhere.
 *
 * <p>Implementation overview. The creator makes a file in {@code /dev/shm} (or {@code java.io.tmpdir}
 * when that is missing), maps it and deletes it at once, so nothing stays on disk even if every
 * holder is killed with SIGKILL; the open descriptor keeps the memory alive. Another process maps
 * the same memory by opening {@code /proc/<holder>/fd/<n>} (the regular-file analogue of what
 * {@link Fifo} does for pipes), which is why every holder keeps its descriptor open for as long as
 * it uses the block: it may have to hand it on to a child of its own. A JVM maps one block once:
 * references arriving for a block already mapped here resolve to the same instance (cached weakly by
 * a random id), so there is one channel per file per JVM. The descriptor is closed, and the memory
 * unmapped, when the instance becomes unreachable, or sooner when the last of its counted users
 * here lets it go ({@link #retain}, {@link #release}: a pipe's ends and locks, whose blocks nothing
 * else in the JVM touches; the unmapping then needs Java 22, see {@link Mapping}).
 *
 * <p>The portable transport (see {@link io.github.mp4j.platform.Transport}) has no {@code /proc}: its
 * creator makes the file in this JVM's {@link PrivateFolder} and keeps it there, and a reference
 * carries the file's path, through which another process maps it. The creator deletes the file when
 * its last counted user releases the block, when the block becomes unreachable in the creator, or
 * at exit; so in portable mode a block may be handed on to a child only while its creator still
 * holds it, and a process that already maps it keeps its mapping when the file goes. (Windows
 * refuses to delete a file that some process maps: such a file stays until the sweep, see
 * {@link PrivateFolder}.)
 *
 * <p>All slot accesses go through one {@link VarHandle} in the platform's native byte order; mixing
 * orders between processes would corrupt every value.
 */
public final class SharedMemory implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final VarHandle SLOT = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    /** Blocks mapped in this JVM, by id; guarded by itself. Also serializes descriptor discovery. */
    private static final Map<String, WeakReference<SharedMemory>> MAPPED = new HashMap<>();
    /** The file name prefix, so that leftovers (there should be none) are recognisable. */
    public static final String FILE_PREFIX = "mp4j-shm-";

    private final transient String id;
    private final transient int size;
    /** The descriptor through which another process reopens the block; -1 in portable mode. */
    private final transient int fd;
    /** The file another process maps, in portable mode; null in Linux's. */
    private final transient Path file;
    /** Whether this JVM created {@link #file} and deletes it. */
    private final transient boolean ownsFile;
    private final transient FileChannel channel;
    private final transient Mapping mapping;
    private final transient ByteBuffer buffer;
    /** Users that {@link #retain} counted and have not released; guarded by {@link #MAPPED}. */
    private transient int users;
    /** Whether the last counted user released the descriptor; guarded by {@link #MAPPED}. */
    private transient boolean released;

    private SharedMemory(String id, FileChannel channel, int size, int fd) throws IOException {
        this(id, channel, size, fd, null, false);
    }

    private SharedMemory(String id, FileChannel channel, int size, int fd, Path file, boolean ownsFile)
            throws IOException {
        this.id = id;
        this.size = size;
        this.fd = fd;
        this.file = file;
        this.ownsFile = ownsFile;
        this.channel = channel;
        this.mapping = Mapping.of(channel, size);
        this.buffer = mapping.buffer();
        // closes the descriptor once the block is unreachable; must not refer to the block
        Cleanup.whenUnreachable(this, new Mapping.CloseQuietly(channel));
    }

    /** Creates a zero-filled block of {@code size} bytes (rounded up to a multiple of 8). */
    public static SharedMemory create(int size) throws IOException {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
        int rounded = (size + 7) & ~7;
        if (!LinuxPaths.available()) {
            return createFile(rounded);
        }
        Path dir = LinuxPaths.devShm();
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            dir = Path.of(System.getProperty("java.io.tmpdir"));
        }
        Path file = Files.createTempFile(dir, FILE_PREFIX, null).toRealPath();
        try {
            synchronized (MAPPED) {
                var opened = ProcFd.open(file.toString(), ProcFd.READ_WRITE, "a shared memory block",
                        () -> FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE));
                FileChannel channel = opened.file();
                try {
                    channel.truncate(0);
                    channel.write(ByteBuffer.allocate(1), rounded - 1); // sets the size, zero-filled
                    SharedMemory block = new SharedMemory(UUID.randomUUID().toString(), channel, rounded, opened.fd());
                    MAPPED.put(block.id, new WeakReference<>(block));
                    return block;
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    throw e;
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The portable {@link #create}: a file in the private folder that stays until its creator deletes it. */
    private static SharedMemory createFile(int size) throws IOException {
        Path file = Files.createTempFile(PrivateFolder.get(), FILE_PREFIX, null);
        try {
            synchronized (MAPPED) {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                try {
                    channel.write(ByteBuffer.allocate(1), size - 1); // sets the size, zero-filled
                    SharedMemory block = new SharedMemory(UUID.randomUUID().toString(), channel, size, -1, file, true);
                    // the creator's file goes once the creator can no longer hand the block on
                    Cleanup.whenUnreachable(block, new DeleteQuietly(file));
                    MAPPED.put(block.id, new WeakReference<>(block));
                    return block;
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    throw e;
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Deletes a file if it is there and may be deleted now (not on Windows while it is mapped). */
    private record DeleteQuietly(Path file) implements Runnable {
        @Override
        public void run() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException mappedOnWindows) {
                // left to the exit's and the next sweep's deletion of the private folder
            }
        }
    }

    /** Maps the block whose file is {@code file} (portable mode), or returns the instance already mapped here. */
    static SharedMemory open(String id, int size, Path file) throws IOException {
        synchronized (MAPPED) {
            SharedMemory block = mapped(id);
            if (block != null) {
                return block;
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                block = new SharedMemory(id, channel, size, -1, file, false);
                MAPPED.put(id, new WeakReference<>(block));
                return block;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
    }

    /** The instance of block {@code id} mapped in this JVM, or null; call holding {@link #MAPPED}. */
    private static SharedMemory mapped(String id) {
        MAPPED.values().removeIf(ref -> ref.get() == null);
        WeakReference<SharedMemory> known = MAPPED.get(id);
        return known == null ? null : known.get();
    }

    /** Maps the block a reference names, or returns the instance already mapped in this JVM. */
    static SharedMemory open(String id, int size, long holderPid, int holderFd) throws IOException {
        synchronized (MAPPED) {
            SharedMemory block = mapped(id);
            if (block != null) {
                return block;
            }
            Path link = ProcFd.path(holderPid, holderFd);
            var opened = ProcFd.open(ProcFd.target(link), ProcFd.READ_WRITE, "a shared memory block",
                    () -> FileChannel.open(link, StandardOpenOption.READ, StandardOpenOption.WRITE));
            FileChannel channel = opened.file();
            try {
                block = new SharedMemory(id, channel, size, opened.fd());
                MAPPED.put(id, new WeakReference<>(block));
                return block;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
    }

    /**
     * Where another process of this host finds this block while this process keeps it: unlike
     * serializing the block, which only a process starting a child may do, this may be sent to any
     * process that trusts the sender (see {@link #open(Location)}).
     */
    public Location location() {
        return new Location(id, size, ProcessHandle.current().pid(), fd);
    }

    /** Counts one more user of this block in this JVM; see {@link #release}. */
    public void retain() {
        synchronized (MAPPED) {
            users++;
        }
    }

    /**
     * Counts one user fewer; the last closes the descriptor at once, since nobody here can hand the
     * block on any more, and unmaps the memory where {@link Mapping} can do so safely (Java 22 and
     * later; before, it stays mapped until the instance is unreachable). Only for blocks whose every
     * user in this JVM counts itself and, once released, no longer touches the block; others close
     * with the GC.
     */
    public void release() {
        FileChannel unused = null;
        synchronized (MAPPED) {
            if (users > 0 && --users == 0) {
                released = true;
                unused = channel;
                WeakReference<SharedMemory> mapped = MAPPED.get(id);
                if (mapped != null && mapped.get() == this) {
                    MAPPED.remove(id);
                }
            }
        }
        if (unused != null) {
            new Mapping.CloseQuietly(unused).run();
            mapping.unmap();
            if (ownsFile) {
                new DeleteQuietly(file).run(); // after the unmapping, which Windows needs first
            }
        }
    }

    /** A block's id, size, and the process and descriptor through which it is reachable. */
    public record Location(String id, int size, long pid, int fd) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Maps the block at {@code where}, or returns the instance already mapped in this JVM.
     *
     * @throws IOException if that process has no such descriptor, or it is not an mp4j block
     */
    public static SharedMemory open(Location where) throws IOException {
        String target = ProcFd.target(ProcFd.path(where.pid(), where.fd()));
        if (!target.contains("/" + FILE_PREFIX)) {
            throw new IOException("descriptor " + where.fd() + " of process " + where.pid()
                    + " is not a shared memory block: " + target);
        }
        return open(where.id(), where.size(), where.pid(), where.fd());
    }

    /** The block's size in bytes. */
    public int size() {
        return size;
    }

    public long get(int offset) {
        return (long) SLOT.getVolatile(buffer, check(offset));
    }

    public void set(int offset, long value) {
        SLOT.setVolatile(buffer, check(offset), value);
    }

    public boolean compareAndSet(int offset, long expected, long value) {
        return SLOT.compareAndSet(buffer, check(offset), expected, value);
    }

    public long getAndAdd(int offset, long delta) {
        return (long) SLOT.getAndAdd(buffer, check(offset), delta);
    }

    /**
     * Copies {@code length} bytes of the block, from {@code offset}, into {@code dst}. Plain reads:
     * order them after a {@link #get} of the slot that publishes the bytes.
     */
    public void read(int offset, byte[] dst, int dstOffset, int length) {
        buffer.get(offset, dst, dstOffset, length);
    }

    /** Copies bytes into the block at {@code offset}; publish them with a later {@link #set}. */
    public void write(int offset, byte[] src, int srcOffset, int length) {
        buffer.put(offset, src, srcOffset, length);
    }

    /**
     * A view of the whole block for typed access ({@link PrimitiveType}, or any
     * {@link MethodHandles#byteBufferViewVarHandle} in native order): it shares the block's memory
     * and, from Java 22 on, fails with {@link IllegalStateException} once the block is unmapped.
     */
    public ByteBuffer view() {
        return buffer.duplicate();
    }

    /**
     * Makes the file system allocate the block's pages in {@code [offset, offset + length)} by
     * writing zeros through the file, not the mapping: on a full {@code /dev/shm} this fails with an
     * IOException, where a first touch through the mapping would kill the JVM with SIGBUS. Only for
     * a range nobody uses yet.
     */
    public void allocate(int offset, int length) throws IOException {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " in a block of " + size + " bytes");
        }
        ByteBuffer zeros = ByteBuffer.allocate(Math.min(length, 64 * 1024));
        for (long at = offset, end = (long) offset + length; at < end; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), end - at));
            at += channel.write(zeros, at);
        }
    }

    private int check(int offset) {
        if ((offset & 7) != 0 || offset < 0 || offset > size - 8) {
            throw new IndexOutOfBoundsException("slot offset " + offset + " in a block of " + size + " bytes");
        }
        return offset;
    }

    @Override
    public String toString() {
        return "SharedMemory[" + size + " bytes, fd=" + fd + "]";
    }

    /* ---------------- travelling into a child ---------------- */

    private Object writeReplace() throws ObjectStreamException {
        Transfer.checkInheritance("SharedMemory");
        synchronized (MAPPED) {
            if (released) {
                throw new java.io.NotSerializableException("shared memory whose users here have all closed");
            }
        }
        return new Ref(id, size, ProcessHandle.current().pid(), fd, file == null ? null : file.toString());
    }

    /** A block in flight: this JVM holds it open while the child maps it, see {@link Transfer}. */
    private static final class Ref implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String id;
        private final int size;
        private final long pid;
        private final int fd;
        /** The creator's file, in portable mode (where {@link #fd} is -1); else null. */
        private final String file;

        Ref(String id, int size, long pid, int fd, String file) {
            this.id = id;
            this.size = size;
            this.pid = pid;
            this.fd = fd;
            this.file = file;
        }

        private Object readResolve() throws ObjectStreamException {
            try {
                return file != null ? open(id, size, Path.of(file)) : open(id, size, pid, fd);
            } catch (IOException e) {
                throw Transfer.failure("cannot map shared memory held by process "
                        + pid + ": it has exited or closed it (" + e.getMessage() + ")", e);
            }
        }
    }
}
