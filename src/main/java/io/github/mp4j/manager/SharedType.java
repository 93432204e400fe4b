package io.github.mp4j.manager;

import io.github.mp4j.RemoteError;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The built-in shared types of a manager, each with the methods its proxy calls: the one table that
 * every part of the manager reads. Python's {@code SyncManager.register(...)} calls and the
 * {@code exposed} tuples of {@code managers.py}.
 *
 * <p>Each type is named once here ({@link #typeid()}, which travels in a create request), and each
 * method a proxy calls is a constant of its type's enum of methods ({@link DictMethod}, ...), whose
 * {@link Exposed#name() name} travels in a call request. Who reads the table:
 * <ul>
 * <li>{@code io.github.mp4j.Manager}'s factories name the type to make;
 * <li>{@link Proxies} makes each type's proxy, which calls its methods by their constants
 *     ({@code handle.call(DictMethod.get, key)}), never by a string;
 * <li>the manager server ({@code Referents}) and the data objects ({@link DataObjects}) make each
 *     type's object, which finds the called method with {@link #method(String)} and answers it in a
 *     {@code switch} over the type's enum: a switch expression without a {@code default}, so javac
 *     rejects an object that lacks a case for a method its proxy may call;
 * <li>{@code io.github.mp4j.cluster.IgniteStore} keeps the type's {@link #ordinal() ordinal} in the
 *     low bits of an object's id and asks {@link #isData()} and {@link #reads(String)} where to keep
 *     the object and whether a call may change it; {@code cluster.ClusterSync} makes the
 *     synchronization types' objects and answers their calls with the same switches.
 * </ul>
 * Objects of registered types (a name and a factory, {@code Manager.register}) are not in this table:
 * their proxies call the object's public methods by the name of the interface method.
 *
 * <p>Several types share one enum where their proxies share one class: Lock, RLock, Semaphore,
 * BoundedSemaphore and Condition are all acquirers ({@link AcquirerMethod}); which of its methods
 * each type exposes is this table's list, and {@link #method(String)} refuses the others, so an
 * object's switch answers an unexposed constant only to stay exhaustive.
 */
public enum SharedType {

    DICT("dict", DictMethod.values(), DictMethod.READERS),
    LIST("list", ListMethod.values(), ListMethod.READERS),
    NAMESPACE("Namespace", NamespaceMethod.values(), NamespaceMethod.READERS),
    VALUE("Value", ValueMethod.values(), ValueMethod.READERS),
    LOCK("Lock", AcquirerMethod.acquire, AcquirerMethod.release, AcquirerMethod.mapping, AcquirerMethod.toString),
    RLOCK("RLock", AcquirerMethod.acquire, AcquirerMethod.release, AcquirerMethod.toString),
    SEMAPHORE("Semaphore", AcquirerMethod.acquire, AcquirerMethod.release, AcquirerMethod.toString),
    BOUNDED_SEMAPHORE("BoundedSemaphore", AcquirerMethod.acquire, AcquirerMethod.release, AcquirerMethod.toString),
    CONDITION("Condition", AcquirerMethod.acquire, AcquirerMethod.release, AcquirerMethod.await,
            AcquirerMethod.signal, AcquirerMethod.signalAll, AcquirerMethod.toString),
    EVENT("Event", EventMethod.values()),
    BARRIER("Barrier", BarrierMethod.values()),
    QUEUE("Queue", QueueMethod.values());

    private static final Map<String, SharedType> BY_TYPEID = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(SharedType::typeid, Function.identity()));

    private final String typeid;
    /** The exposed methods by name. */
    private final Map<String, Exposed> methods;
    /** The names of the methods that only read; null for a synchronization type. */
    private final Set<String> readers;

    /** A data type: {@code readers} are the methods that only read. */
    SharedType(String typeid, Exposed[] exposed, Set<? extends Exposed> readers) {
        this.typeid = typeid;
        this.methods = Stream.of(exposed).collect(Collectors.toUnmodifiableMap(Exposed::name, Function.identity()));
        this.readers = readers == null ? null : readers.stream().map(Exposed::name).collect(Collectors.toUnmodifiableSet());
    }

    /** A synchronization type. */
    SharedType(String typeid, Exposed... exposed) {
        this(typeid, exposed, null);
    }

    /** The type's name in requests and messages: Python's typeid ("dict", "Lock", ...). */
    public String typeid() {
        return typeid;
    }

    /**
     * Whether the objects are plain data (dict, list, Namespace, Value), whose every call runs under
     * the object's own lock and which a store may keep serialized; the others are synchronization
     * objects, whose calls may wait.
     */
    public boolean isData() {
        return readers != null;
    }

    /** The built-in type named {@code typeid}, or null for any other name (a registered type's). */
    public static SharedType named(String typeid) {
        return BY_TYPEID.get(typeid);
    }

    /**
     * The method {@code name} of this type, a constant of its enum of methods.
     *
     * @throws RemoteError if this type does not expose {@code name}
     */
    public Exposed method(String name) {
        Exposed method = methods.get(name);
        if (method == null) {
            throw notExposed(name);
        }
        return method;
    }

    /** The methods this type exposes: every method its proxy may call. */
    public Collection<Exposed> methods() {
        return methods.values();
    }

    /** Whether the method {@code name} only reads an object of this type (false for any other name). */
    public boolean reads(String name) {
        return readers != null && readers.contains(name);
    }

    /** The failure of a call of a method that this type does not expose. */
    public RemoteError notExposed(String name) {
        return Referent.notExposed(typeid, name);
    }

    /**
     * A method that a built-in proxy calls: a constant of its type's enum of methods. The constants
     * are named exactly as the methods, against Java's custom for constants, so that each method's
     * name is written once: a call request carries the constant's {@link #name()}.
     */
    public interface Exposed {
        /** The method's name, which a call request carries. */
        String name();
    }

    /** A dict's methods ({@code RemoteDict}, {@code DictReferent}). */
    public enum DictMethod implements Exposed {
        get, put, remove, containsKey, containsValue, size, clear, putAll, putIfAbsent, getOrDefault, replace,
        compute, computeIfPresent, computeIfAbsent, merge, update, copy, keys, values, items, toString;

        static final Set<DictMethod> READERS = EnumSet.of(get, containsKey, containsValue, size, getOrDefault, copy,
                keys, values, items, toString);
    }

    /** A list's methods ({@code RemoteList}, {@code ListReferent}). */
    public enum ListMethod implements Exposed {
        get, set, add, removeAt, remove, size, contains, indexOf, lastIndexOf, clear, addAll, removeAll, retainAll,
        update, copy, toString;

        static final Set<ListMethod> READERS = EnumSet.of(get, size, contains, indexOf, lastIndexOf, copy, toString);
    }

    /** A Namespace's methods ({@code RemoteValues.RemoteNamespace}, {@code NamespaceReferent}). */
    public enum NamespaceMethod implements Exposed {
        get, set, has, delete, update, toString;

        static final Set<NamespaceMethod> READERS = EnumSet.of(get, has, toString);
    }

    /** A Value's methods ({@code RemoteValues.RemoteValue}, {@code ValueReferent}). */
    public enum ValueMethod implements Exposed {
        get, set, update, toString;

        static final Set<ValueMethod> READERS = EnumSet.of(get, toString);
    }

    /**
     * The methods of a Lock, RLock, Semaphore, BoundedSemaphore or Condition ({@code RemoteAcquirer},
     * {@code MappedAcquirer}; {@code MappedLockReferent}, {@code LockReferent}, {@link ConditionCalls}).
     * Arguments: {@code acquire(block, timeoutNanos)}, {@code await(timeoutNanos)}, {@code signal(n)};
     * a negative timeout waits without bound.
     */
    public enum AcquirerMethod implements Exposed {
        acquire, release, await, signal, signalAll,
        /**
         * Where a manager server's Lock keeps its word in shared memory: asked once by a
         * {@code MappedAcquirer} on the server's host, which then takes the lock there; never sent to
         * the cluster's store, whose Lock proxies are plain {@code RemoteAcquirer}s.
         */
        mapping,
        toString
    }

    /** An Event's methods ({@code RemoteEvent}, {@code EventReferent}, {@code cluster.ClusterEvent}). */
    public enum EventMethod implements Exposed {
        isSet, set, clear, await, toString
    }

    /** A Barrier's methods ({@code RemoteBarrier}, {@code BarrierReferent}, {@code cluster.ClusterBarrier}). */
    public enum BarrierMethod implements Exposed {
        await, reset, abort, parties, nWaiting, isBroken, toString
    }

    /**
     * A Queue's methods ({@code RemoteQueue}, {@code QueueReferent}, {@code cluster.ClusterQueue});
     * {@code qsize}, {@code empty}, {@code full} and {@code toString} are answered alike by both
     * stores' {@link QueueSizeCalls}.
     */
    public enum QueueMethod implements Exposed {
        put, get, qsize, empty, full, taskDone, join, toString
    }
}
