package io.github.mp4j.manager;

import io.github.mp4j.RemoteError;

import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * What every proxy holds: its store, its object's id and type. Turns the store's failures into the
 * exceptions the proxy interfaces document: the object's own exceptions as they are, an unreachable
 * manager as {@link UncheckedIOException}, an interrupted wait as {@link InterruptedException}.
 */
public final class ProxyHandle implements Serializable {

    private static final long serialVersionUID = 1L;

    final SharedStore store;
    final long id;
    final String typeid;

    ProxyHandle(SharedStore store, long id, String typeid) {
        this.store = store;
        this.id = id;
        this.typeid = typeid;
    }

    /** A call that cannot block for long: every failure is unchecked. */
    Object call(SharedType.Exposed method, Object... args) {
        try {
            return store.call(id, method.name(), args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Unreachable e) {
            throw unchecked(e);
        } catch (Exception e) {
            throw new RemoteError(store.describe() + " raised " + e, e);
        }
    }

    /** A call that may wait in the manager; the object's checked exceptions pass through. */
    Object await(SharedType.Exposed method, Object... args) throws Exception {
        return awaitNamed(method.name(), args);
    }

    /** {@link #await} for a method of a registered type, which has only a name. */
    Object awaitNamed(String method, Object... args) throws Exception {
        try {
            return store.call(id, method, args);
        } catch (Unreachable e) {
            if (e.interrupted()) {
                Thread.interrupted(); // NIO left the flag set; an InterruptedException reports it instead
                InterruptedException interrupted = new InterruptedException(
                        "interrupted while waiting for " + store.describe() + "; the wait there was abandoned");
                interrupted.initCause(e);
                throw interrupted;
            }
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** An unreachable store as the unchecked exception proxies throw; keeps an interrupt visible. */
    static UncheckedIOException unchecked(Unreachable e) {
        if (e.interrupted()) {
            Thread.currentThread().interrupt();
        }
        return new UncheckedIOException(e.getMessage(), e);
    }

    /** A call that may wait in the manager and raises no checked exception but an interrupt. */
    Object awaitInterruptibly(SharedType.Exposed method, Object... args) throws InterruptedException {
        try {
            return await(method, args);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw unexpected(e);
        }
    }

    /** Rethrows what {@link #await} may throw besides InterruptedException and the listed types. */
    static RuntimeException unexpected(Exception e) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        return new RemoteError("unexpected " + e, e);
    }

    /** A timeout for the wire: nanoseconds, at least 0; -1 for none. */
    static long nanos(Duration timeout) {
        return timeout == null ? -1 : Math.max(0, timeout.toNanos());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProxyHandle h && h.id == id && h.store.equals(store);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id) * 31 + store.hashCode();
    }

    String describe() {
        return typeid + " " + id + " in " + store.describe();
    }
}
