package io.github.mp4j.manager;

import io.github.mp4j.handles.MappedLock;
import io.github.mp4j.handles.ProcessToken;
import io.github.mp4j.handles.SharedMemory;
import io.github.mp4j.manager.SharedType.AcquirerMethod;

import java.io.IOException;
import java.io.Serializable;
import java.security.SecureRandom;

/**
 * A manager's Lock: a {@link MappedLock} word in shared memory that this server creates and keeps.
 *
 * <p>Implementation overview. Clients on this host map the word (see {@link AcquirerMethod#mapping}) and take and
 * free it there, with no request at all; the others (TCP clients) ask the server, whose session
 * thread takes the word for them, so both kinds exclude each other on the same word. A word taken
 * for a remote client holds the server's own token, so local waiters never mistake the server for a
 * dead holder; the session that took it is recorded, and released when its connection ends. Since a
 * local client may legitimately release a lock that a remote client took, the record may go stale:
 * a session's end frees the word only if the record still names it and the word still holds the
 * server's token, and both are changed together under this object's monitor. A local holder whose
 * process dies is taken over by the next waiter (see {@link MappedLock}), wherever it waits.
 */
final class MappedLockReferent implements Referent, Session.Holdable {

    static final int WORD = 0;
    static final int NONCE = 8;
    static final int SIZE = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SharedMemory memory;
    private final MappedLock word;
    private final long nonce = RANDOM.nextLong() | 1;
    /** The session whose remote acquire holds the word; guarded by this. */
    private Session holder;

    MappedLockReferent() throws IOException {
        this.memory = SharedMemory.create(SIZE);
        this.word = new MappedLock(memory, WORD);
        memory.set(NONCE, nonce);
    }

    @Override
    public Object call(String method, Object[] a, Session session) throws InterruptedException {
        return switch ((AcquirerMethod) SharedType.LOCK.method(method)) {
            case acquire -> acquire((Boolean) a[0], Referent.nanos(a[1]), session);
            case release -> {
                release();
                yield null;
            }
            case mapping -> new Mapping(ProcessToken.BOOT_ID, ProcessToken.SELF, memory.location(), nonce);
            case toString -> "<Lock(" + (word.word() == 0 ? "unlocked" : "locked") + ")>";
            case await, signal, signalAll -> throw SharedType.LOCK.notExposed(method);
        };
    }

    private boolean acquire(boolean block, long nanos, Session session) throws InterruptedException {
        MappedLock.Attempts recorded = take -> {
            synchronized (this) {
                if (!take.getAsBoolean()) {
                    return false;
                }
                holder = session;
            }
            if (session != null) {
                session.acquired(this);
            }
            return true;
        };
        return block ? word.acquire(nanos, ProcessToken.SELF, recorded) : word.tryAcquire(ProcessToken.SELF, recorded);
    }

    private synchronized void release() {
        try {
            word.release();
        } catch (IllegalStateException free) {
            throw new IllegalStateException("release unlocked lock");
        }
        holder = null;
    }

    @Override
    public synchronized void releaseAll(Session session) {
        if (holder == session && word.word() == ProcessToken.SELF) {
            holder = null;
            word.release();
        }
    }

    /** What a client needs to map the word, and to check that it mapped the right one. */
    record Mapping(String bootId, long server, SharedMemory.Location location, long nonce) implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
