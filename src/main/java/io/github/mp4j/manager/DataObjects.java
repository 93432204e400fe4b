package io.github.mp4j.manager;

import io.github.mp4j.SerializableCallable;

import java.util.Collection;
import java.util.Map;

/**
 * The shared objects that are plain data (dict, list, Namespace, Value and registered types), for a
 * store that keeps each one as serialized bytes and runs every call in the calling JVM (the cluster
 * store, {@code io.github.mp4j.cluster.IgniteStore}): such an object is created here, serialized,
 * read back for a call, called, and serialized again if the call may have changed it (see
 * {@link SharedType#reads}). The objects are the manager server's own referents, so both stores
 * behave alike.
 */
public final class DataObjects {

    private DataObjects() {}

    /**
     * A new object of the built-in data type {@code type} with the factory arguments a proxy sends.
     *
     * @throws IllegalArgumentException if {@code type} is not a data type
     */
    static Referent builtIn(SharedType type, Object[] args) {
        return switch (type) {
            case DICT -> new DictReferent((Map<?, ?>) arg(args, 0));
            case LIST -> new ListReferent((Collection<?>) arg(args, 0));
            case NAMESPACE -> new NamespaceReferent();
            case VALUE -> new ValueReferent(arg(args, 0));
            case LOCK, RLOCK, SEMAPHORE, BOUNDED_SEMAPHORE, CONDITION, EVENT, BARRIER, QUEUE ->
                    throw new IllegalArgumentException("not a data type: " + type.typeid());
        };
    }

    private static Object arg(Object[] args, int i) {
        return args.length > i ? args[i] : null;
    }

    /**
     * A new object of a data type: of the built-in {@code type}, or (when {@code type} is null) the
     * one that {@code factory} makes. The result is serializable if the factory's object is.
     */
    public static Object create(SharedType type, Object[] args, SerializableCallable<?> factory) throws Exception {
        return type == null ? new ObjectReferent(factory.call()) : builtIn(type, args);
    }

    /** Calls {@code method} of an object made by {@link #create}, as the manager server would. */
    public static Object call(Object object, String method, Object[] args) throws Exception {
        return ((Referent) object).call(method, args, null);
    }
}
