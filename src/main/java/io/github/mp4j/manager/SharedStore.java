package io.github.mp4j.manager;

import io.github.mp4j.SerializableCallable;

import java.io.Serializable;

/**
 * Where the shared objects live, as the proxies see it: create an object, call a method on it.
 * {@link RpcStore} reaches a manager server; {@code io.github.mp4j.cluster.IgniteStore} keeps the
 * objects in an Ignite cluster and gives the same proxies. Implementations are serializable: a proxy carries its store
 * into every process it travels to.
 */
public interface SharedStore extends Serializable {

    /**
     * Creates an object of {@code typeid} (a {@link SharedType#typeid()} or a registered name) and
     * returns its id.
     */
    long create(String typeid, Object... args) throws Exception;

    /**
     * Calls {@code method} of object {@code id}. An exception raised by the object is thrown as it is;
     * failing to reach the store is {@link Unreachable} (also when the calling thread was interrupted).
     */
    Object call(long id, String method, Object... args) throws Exception;

    /** Makes {@code typeid} create objects with {@code factory}. */
    void register(String typeid, SerializableCallable<?> factory) throws Exception;

    /** Where the store is, for messages. */
    String describe();
}
