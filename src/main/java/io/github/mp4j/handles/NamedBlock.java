package io.github.mp4j.handles;

import io.github.mp4j.platform.LinuxPaths;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A named file of shared memory, {@code /dev/shm/<name>} (the file POSIX {@code shm_open} makes),
 * mapped read-write: any process of the same user that knows the name can map it, unlike a
 * {@link SharedMemory}, which lives only as long as some holder's descriptor. The file stays until
 * it is unlinked; the mapping until {@link #unmap()} (from Java 22 on; before, until the buffer is
 * collected, see {@link Mapping}).
 */
public final class NamedBlock {

    private final Mapping mapping;
    private final int size;

    private NamedBlock(Mapping mapping, int size) {
        this.mapping = mapping;
        this.size = size;
    }

    /** Where the named files are: {@code /dev/shm}, or the temporary folder where it is missing. */
    public static Path file(String name) {
        Path dir = LinuxPaths.devShm();
        if (!Files.isDirectory(dir)) {
            dir = Path.of(System.getProperty("java.io.tmpdir"));
        }
        return dir.resolve(name);
    }

    /**
     * Creates the file {@code name}, readable and writable by this user only, with {@code size}
     * zero bytes, and maps it.
     *
     * @throws java.nio.file.FileAlreadyExistsException if the name is taken
     */
    public static NamedBlock create(String name, int size) throws IOException {
        Path file = file(name);
        try (FileChannel channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            try {
                channel.write(ByteBuffer.allocate(1), size - 1L); // sets the size, zero-filled
                return new NamedBlock(Mapping.of(channel, size), size);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        }
    }

    /**
     * Maps the existing file {@code name}, all of it.
     *
     * @throws java.nio.file.NoSuchFileException if there is none
     */
    public static NamedBlock attach(String name) throws IOException {
        try (FileChannel channel = FileChannel.open(file(name), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new IOException("shared memory " + name + " is too large to map: " + size + " bytes");
            }
            return new NamedBlock(Mapping.of(channel, (int) size), (int) size);
        }
    }

    /** The mapped bytes (a new view each call). */
    public ByteBuffer buffer() {
        return mapping.buffer().duplicate();
    }

    public int size() {
        return size;
    }

    /** Unmaps at once where the running Java can ({@link Mapping#unmap}); call once. */
    public void unmap() {
        mapping.unmap();
    }

    /**
     * Removes the name; mappings of it stay valid until unmapped.
     *
     * @throws java.nio.file.NoSuchFileException if it is gone already
     */
    public static void unlink(String name) throws IOException {
        Files.delete(file(name));
    }
}
