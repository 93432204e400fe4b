package io.github.mp4j.manager;

import io.github.mp4j.RemoteError;

/**
 * A shared object as the manager server holds it: a method name and arguments in, a result out.
 * Implementations are thread-safe; plain data objects make each call atomic with their own lock,
 * blocking ones (locks, queues) wait without holding it.
 */
interface Referent {

    /**
     * Runs {@code method}. {@code session} is the calling client's connection, or null for a call
     * from inside the server's JVM.
     *
     * @throws RemoteError if the object has no such method
     */
    Object call(String method, Object[] args, Session session) throws Exception;

    static RemoteError notExposed(String type, String method) {
        return new RemoteError("method '" + method + "' is not exposed by " + type);
    }

    /** A timeout sent by a proxy: negative for none. */
    static long nanos(Object timeout) {
        return ((Number) timeout).longValue();
    }
}
