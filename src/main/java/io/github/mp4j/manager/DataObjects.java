package io.github.mp4j.manager;

import io.github.mp4j.Manager;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The shared objects that are plain data (dict, list, Namespace, Value and registered types), for a
 * store that keeps each one as serialized bytes and runs every call in the calling JVM (the cluster
 * store, {@code io.github.mp4j.cluster.IgniteStore}): such an object is created here, serialized,
 * read back for a call, called, and serialized again if the call may have changed it. The objects
 * are the manager server's own referents, so both stores behave alike.
 */
public final class DataObjects {

    /** The methods that only read, per built-in data type; every other method may write. */
    private static final Map<String, Set<String>> READERS = Map.of(
            "dict", Set.of("get", "containsKey", "containsValue", "size", "getOrDefault", "copy", "keys", "values",
                    "items", "toString"),
            "list", Set.of("get", "size", "contains", "indexOf", "lastIndexOf", "copy", "toString"),
            "Namespace", Set.of("get", "has", "toString"),
            "Value", Set.of("get", "toString"));

    private DataObjects() {}

    /** Whether {@code typeid} is a built-in data type (registered types are data too, see {@link #create}). */
    public static boolean isBuiltIn(String typeid) {
        return READERS.containsKey(typeid);
    }

    /**
     * A new object of the built-in data type {@code typeid} with the factory arguments a proxy sends,
     * or null if {@code typeid} is not one.
     */
    static Referent builtIn(String typeid, Object[] args) {
        return switch (typeid) {
            case "dict" -> new DictReferent((Map<?, ?>) arg(args, 0));
            case "list" -> new ListReferent((Collection<?>) arg(args, 0));
            case "Namespace" -> new NamespaceReferent();
            case "Value" -> new ValueReferent(arg(args, 0));
            default -> null;
        };
    }

    private static Object arg(Object[] args, int i) {
        return args.length > i ? args[i] : null;
    }

    /**
     * A new object of a data type: a built-in one, or (when {@code factory} is not null) one that
     * {@code factory} makes. The result is serializable if the factory's object is.
     */
    public static Object create(String typeid, Object[] args, Manager.Factory<?> factory) throws Exception {
        Referent referent = factory != null ? new ObjectReferent(factory.create()) : builtIn(typeid, args);
        if (referent == null) {
            throw new IllegalArgumentException("not a data type: " + typeid);
        }
        return referent;
    }

    /** Whether {@code method} of a {@code typeid} object only reads it (false for registered types). */
    public static boolean reads(String typeid, String method) {
        Set<String> readers = READERS.get(typeid);
        return readers != null && readers.contains(method);
    }

    /** Calls {@code method} of an object made by {@link #create}, as the manager server would. */
    public static Object call(Object object, String method, Object[] args) throws Exception {
        return ((Referent) object).call(method, args, null);
    }
}
