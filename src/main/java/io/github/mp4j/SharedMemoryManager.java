package io.github.mp4j;

import io.github.mp4j.handles.BlockKeeper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes {@link SharedMemory} blocks and {@link ShareableList}s whose names are unlinked all at once
 * when the manager shuts down, and also when the program that started it ends without shutting it
 * down, even killed with SIGKILL. Python's {@code multiprocessing.managers.SharedMemoryManager}.
 *
 * <pre>{@code
 * try (SharedMemoryManager smm = SharedMemoryManager.start()) {      // Python: with SharedMemoryManager() as smm:
 *     SharedMemory block = smm.sharedMemory(1024);                   // smm.SharedMemory(size=1024)
 *     ShareableList list = smm.shareableList(List.of(0, 0, 0, 0));   // smm.ShareableList([0, 0, 0, 0])
 *     List<Process> workers = new ArrayList<>();
 *     for (int i = 0; i < 4; i++) {
 *         int slot = i;
 *         Process p = new Process(() -> list.set(slot, (long) slot * slot));  // the list travels by name
 *         p.start();
 *         workers.add(p);
 *     }
 *     for (Process p : workers) p.join();
 *     System.out.println(list);                                       // ShareableList([0, 1, 4, 9], name='psm_...')
 * }                                                                   // both names are unlinked here
 * }</pre>
 *
 * <p>The names are held by a separate process, as Python's manager holds them in its server
 * process: a small keeper (a POSIX shell, not a JVM: it only waits and deletes files) that unlinks
 * every name it was given once this JVM closes the manager, exits, or dies, since the kernel then
 * closes the pipe the keeper reads. Each name reaches the keeper before its block is created, so no
 * block the manager made outlives both. Blocks made through the manager are attached to by name
 * like any other (in children, in unrelated JVMs, in Python); only this JVM makes them, so a
 * manager does not travel into children (Python's would, by its address).
 *
 * <p>The manager is safe for use by several threads.
 */
public final class SharedMemoryManager implements AutoCloseable {

    private final BlockKeeper keeper;
    /** The blocks made here, closed at shutdown; guarded by this. */
    private final List<SharedMemory> made = new ArrayList<>();
    /** Guarded by this. */
    private boolean shutDown;

    private SharedMemoryManager(BlockKeeper keeper) {
        this.keeper = keeper;
    }

    /**
     * Starts a manager: its keeper process runs when this returns. Python's
     * {@code SharedMemoryManager().start()}.
     *
     * @throws IOException if the keeper process cannot be started
     */
    public static SharedMemoryManager start() throws IOException {
        return new SharedMemoryManager(BlockKeeper.start());
    }

    /**
     * A new block of {@code size} zero bytes with a random name, unlinked when the manager ends.
     * Python's {@code smm.SharedMemory(size)}.
     *
     * @throws IllegalArgumentException "'size' must be a positive number different from zero"
     * @throws IllegalStateException "the shared memory manager has shut down" after {@link #shutdown()}
     * @throws IOException if the keeper has died or the block cannot be created
     */
    public SharedMemory sharedMemory(int size) throws IOException {
        if (size <= 0) {
            throw new IllegalArgumentException("'size' must be a positive number different from zero");
        }
        synchronized (this) {
            if (shutDown) {
                throw new IllegalStateException("the shared memory manager has shut down");
            }
            String name = SharedMemory.newName();
            keeper.register(name);
            SharedMemory block = SharedMemory.create(name, size);
            made.add(block);
            return block;
        }
    }

    /**
     * A new {@link ShareableList} of {@code items} in a block with a random name, unlinked when the
     * manager ends. Python's {@code smm.ShareableList(sequence)}.
     *
     * @throws IllegalArgumentException for an item type a {@link ShareableList} cannot hold
     * @throws IllegalStateException "the shared memory manager has shut down" after {@link #shutdown()}
     * @throws IOException if the keeper has died or the block cannot be created
     */
    public ShareableList shareableList(List<?> items) throws IOException {
        return ShareableList.make(items, this::sharedMemory);
    }

    /**
     * Ends the keeper, which unlinks every block made through this manager, and closes those blocks
     * in this JVM (their buffers then fail as after {@link SharedMemory#close()}); other processes
     * keep the blocks they have attached until they close them. When it returns, the names are gone. Calling
     * it again does nothing. Waits at most about 10 s for the keeper, without interruption. Python's
     * {@code shutdown()}, which does not close the blocks in the calling process.
     */
    public void shutdown() {
        List<SharedMemory> blocks;
        synchronized (this) {
            if (shutDown) {
                return;
            }
            shutDown = true;
            blocks = List.copyOf(made);
            made.clear();
        }
        keeper.close();
        blocks.forEach(SharedMemory::close);
    }

    /** {@link #shutdown()}, for try-with-resources (Python's {@code with}). */
    @Override
    public void close() {
        shutdown();
    }

    @Override
    public synchronized String toString() {
        return "SharedMemoryManager(" + (shutDown ? "shut down" : made.size() + " blocks, keeper pid " + keeper.pid()) + ")";
    }
}
