package io.github.mp4j.manager;

import io.github.mp4j.handles.Backoff;
import io.github.mp4j.handles.MappedLock;
import io.github.mp4j.handles.ProcessToken;
import io.github.mp4j.handles.ProcessWatch;
import io.github.mp4j.handles.SharedMemory;
import io.github.mp4j.manager.SharedType.AcquirerMethod;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The proxy of a manager's Lock (see {@link MappedLockReferent}). In a process on the manager's host
 * that reaches it through its UNIX socket, the first call asks the server where the lock's word is
 * and maps it; from then on acquire and release are a compare-and-set in shared memory, with no
 * request. Anywhere else (TCP, another host, the server's own JVM, or a mapping that fails for any
 * reason) every call is a request, as for {@link RemoteAcquirer}. The mapping is per process: a proxy
 * that travels maps again where it arrives.
 */
final class MappedAcquirer extends RemoteAcquirer {

    private static final long serialVersionUID = 1L;
    /** Marks a proxy that found it cannot map the word. */
    private static final MappedLock REMOTE = new MappedLock(null, 0);

    /** The mapped word, {@link #REMOTE}, or null before the first call. */
    private transient volatile MappedLock local;
    /** Makes a wait in shared memory fail, as a request would, once the server has died. */
    private transient volatile MappedLock.Attempts serverAlive;
    /** The server's process, once mapped. */
    private transient volatile ProcessWatch server;

    MappedAcquirer(ProxyHandle handle) {
        super(handle);
    }

    @Override
    public boolean acquire(boolean block, Duration timeout) throws InterruptedException {
        MappedLock word = usableWord();
        if (word == null) {
            return super.acquire(block, timeout);
        }
        if (!block) {
            return word.tryAcquire(ProcessToken.SELF);
        }
        return word.acquire(Backoff.nanos(timeout), ProcessToken.SELF, serverAlive);
    }

    @Override
    public void release() {
        MappedLock word = usableWord();
        if (word == null) {
            super.release();
            return;
        }
        try {
            word.release();
        } catch (IllegalStateException free) {
            throw new IllegalStateException("release unlocked lock");
        }
    }

    /** Whether this process takes the lock in shared memory rather than by asking the server. */
    boolean isMapped() {
        return word() != REMOTE;
    }

    /**
     * The mapped word, or null when the call must go to the server: when the word cannot be mapped,
     * and once the manager has died, so that every call fails as a request does, even an
     * uncontended one.
     */
    private MappedLock usableWord() {
        MappedLock word = word();
        return word == REMOTE || server.isDead() ? null : word;
    }

    private MappedLock word() {
        MappedLock word = local;
        if (word == null) {
            word = local = map();
        }
        return word;
    }

    private MappedLock map() {
        if (!(handle.store instanceof RpcStore rpc) || !rpc.isLocalSocket()) {
            return REMOTE;
        }
        MappedLockReferent.Mapping where = (MappedLockReferent.Mapping) handle.call(AcquirerMethod.mapping);
        if (ProcessToken.BOOT_ID.isEmpty() || !ProcessToken.BOOT_ID.equals(where.bootId())) {
            return REMOTE;
        }
        ProcessWatch watch = rpc.serverWatch(where.server());
        if (watch == null || watch.isDead()) {
            return REMOTE;
        }
        server = watch;
        serverAlive = new MappedLock.Attempts() {
            @Override
            public boolean attempt(BooleanSupplier take) {
                return take.getAsBoolean();
            }

            @Override
            public void stillWaiting() {
                if (watch.isDead()) {
                    throw new UncheckedIOException(new IOException(handle.store.describe()
                            + " died while this thread waited for its lock (has it shut down or died?)"));
                }
            }
        };
        try {
            SharedMemory memory = SharedMemory.open(where.location());
            return memory.size() >= MappedLockReferent.SIZE && memory.get(MappedLockReferent.NONCE) == where.nonce()
                    ? new MappedLock(memory, MappedLockReferent.WORD) : REMOTE;
        } catch (IOException | RuntimeException e) {
            return REMOTE; // e.g. /proc of the server unreadable here: the server still serves every call
        }
    }
}
