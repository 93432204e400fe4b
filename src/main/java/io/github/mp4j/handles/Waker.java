package io.github.mp4j.handles;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * How a thread of one process wakes a thread of another that sleeps in the kernel: the way
 * {@link LockWaiters} puts lock waiters to sleep where Java has no futex.
 *
 * <pre>{@code
 * int id = Waker.enter();                    // this thread may now be woken; 0 if it cannot be
 * long address = Waker.address(id);          // published in shared memory for the waking process
 * LockSupport.parkNanos(bound);              // returns early once woken
 * Waker.leave(id);
 * // in any process: Waker.wake(token, address) unparks that thread
 * }</pre>
 *
 * <p>Implementation overview. Each process that ever sleeps here takes one FIFO (from
 * {@link FifoStock}, on first use) and starts one daemon thread, {@code mp4j-lock-waker}, that
 * reads it. A sleeping thread is entered in a table under a fresh id; its address is the FIFO's
 * descriptor number and that id. {@link #wake} opens the FIFO through
 * {@code /proc/<pid>/fd/<n>} (once per target process: the descriptor is kept in a small cache)
 * and writes the id, four bytes, which the kernel writes at once; the reading thread unparks the
 * thread entered under it. A wake within one process skips the FIFO. An id is never reused (it
 * would take 2<sup>31</sup> sleeps), so a late wake finds no thread or a thread whose park simply
 * returns early, which every caller of {@code park} allows for.
 *
 * <p>A target that has ended is told apart by its {@link ProcessToken} before the open and by a
 * failed write after it (its FIFO then has no reader). The open checks that the link still names a
 * FIFO, so a pid reused by another process never gets bytes written into one of its files.
 */
public final class Waker {

    /** Target processes whose FIFO stays open here; beyond that, the least recently woken is closed. */
    private static final int CACHED = 32;
    private static final Map<Integer, Thread> SLEEPING = new ConcurrentHashMap<>();
    private static final AtomicInteger IDS = new AtomicInteger();
    /** Open FIFOs of other processes, by token and descriptor; guarded by itself. */
    private static final Map<Target, FileChannel> TARGETS = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Target, FileChannel> eldest) {
            if (size() > CACHED) {
                closeQuietly(eldest.getValue());
                return true;
            }
            return false;
        }
    };
    /** This process's FIFO descriptor, 0 before the first {@link #enter}, -1 if it could not be made. */
    private static volatile int fifoFd;

    private Waker() {}

    private record Target(long token, int fd) {}

    /**
     * Enters the calling thread as one that may be woken, and returns its id for {@link #address}
     * and {@link #leave}; 0 if this process cannot receive wakes (no FIFO could be made), when the
     * caller must poll instead.
     */
    public static int enter() {
        if (fifoFd == 0) {
            start();
        }
        if (fifoFd < 0) {
            return 0;
        }
        int id = IDS.incrementAndGet() & Integer.MAX_VALUE;
        if (id == 0) {
            id = IDS.incrementAndGet() & Integer.MAX_VALUE;
        }
        SLEEPING.put(id, Thread.currentThread());
        return id;
    }

    /** What another process passes to {@link #wake} to wake the thread entered under {@code id}; never 0. */
    public static long address(int id) {
        return (long) fifoFd << 32 | id;
    }

    /** Ends what {@link #enter} began: a wake for {@code id} no longer reaches the thread. */
    public static void leave(int id) {
        SLEEPING.remove(id);
    }

    /**
     * Wakes the thread at {@code address} in the process named by {@code token}; does not wait for it.
     *
     * @return false if that process has ended (or its FIFO cannot be reached), so the wake went
     *         nowhere; true does not mean the thread still sleeps
     */
    public static boolean wake(long token, long address) {
        int id = (int) address;
        if (token == ProcessToken.SELF) {
            LockSupport.unpark(SLEEPING.get(id)); // none if it has just left: it learns of the wake then
            return true;
        }
        Target target = new Target(token, (int) (address >>> 32));
        FileChannel fifo = open(target);
        if (fifo == null) {
            return false;
        }
        try {
            ByteBuffer message = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.nativeOrder()).putInt(0, id);
            fifo.write(message); // four bytes into a pipe: one write, never split (PIPE_BUF)
            return true;
        } catch (IOException targetGone) {
            synchronized (TARGETS) {
                TARGETS.remove(target, fifo);
            }
            closeQuietly(fifo);
            return false;
        }
    }

    private static FileChannel open(Target target) {
        synchronized (TARGETS) {
            FileChannel open = TARGETS.get(target);
            if (open != null) {
                return open;
            }
            if (ProcessToken.isDead(target.token())) {
                return null;
            }
            Path link = ProcFd.path(ProcessToken.pid(target.token()), target.fd());
            try {
                if (!Files.readAttributes(link, java.nio.file.attribute.BasicFileAttributes.class).isOther()) {
                    return null; // not a FIFO: the pid belongs to another process now
                }
                // WRITE alone: no O_CREAT, no O_TRUNC; the waker thread holds the FIFO open, so this never blocks
                open = FileChannel.open(link, StandardOpenOption.WRITE);
            } catch (IOException | SecurityException gone) {
                return null;
            }
            TARGETS.put(target, open);
            return open;
        }
    }

    private static synchronized void start() {
        if (fifoFd != 0) {
            return;
        }
        try {
            FifoStock.Node node = FifoStock.take();
            RandomAccessFile fifo = node.file();
            Thread reader = new Thread(() -> read(fifo), "mp4j-lock-waker");
            reader.setDaemon(true);
            reader.start();
            fifoFd = node.fd(); // the node is never closed: the FIFO lives as long as the process
        } catch (IOException | RuntimeException cannot) {
            fifoFd = -1;
        }
    }

    /** The waker thread: unparks the thread entered under each id that arrives. */
    private static void read(RandomAccessFile fifo) {
        byte[] bytes = new byte[4096];
        ByteBuffer ids = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        int have = 0;
        try {
            while (true) {
                int n = fifo.read(bytes, have, bytes.length - have);
                if (n < 0) {
                    return;
                }
                have += n;
                int at = 0;
                for (; at + Integer.BYTES <= have; at += Integer.BYTES) {
                    LockSupport.unpark(SLEEPING.get(ids.getInt(at)));
                }
                System.arraycopy(bytes, at, bytes, 0, have - at);
                have -= at;
            }
        } catch (IOException closed) {
            // the process is ending
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // a write end of a FIFO: nothing is lost by a failed close
        }
    }
}
