package io.github.mp4j.manager;

import io.github.mp4j.RemoteError;
import io.github.mp4j.SerializableCallable;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The objects of one manager server and the factories of its registered types. Objects live until the
 * server stops (Python counts references to free them earlier; we do not).
 */
final class Referents {

    private final Map<Long, Referent> objects = new ConcurrentHashMap<>();
    private final Map<String, SerializableCallable<?>> registered = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    long create(String typeid, Object[] args) throws Exception {
        SharedType type = SharedType.named(typeid);
        Referent referent = type == null ? registered(typeid) : switch (type) {
            case DICT, LIST, NAMESPACE, VALUE -> DataObjects.builtIn(type, args);
            case LOCK -> new MappedLockReferent();
            case SEMAPHORE -> LockReferent.semaphore((Integer) args[0], false);
            case BOUNDED_SEMAPHORE -> LockReferent.semaphore((Integer) args[0], true);
            case RLOCK, CONDITION -> new ConditionReferent(type);
            case EVENT -> new EventReferent();
            case BARRIER -> new BarrierReferent((Integer) args[0]);
            case QUEUE -> new QueueReferent((Integer) args[0]);
        };
        long id = ids.incrementAndGet();
        objects.put(id, referent);
        return id;
    }

    void register(String typeid, SerializableCallable<?> factory) {
        registered.put(typeid, factory);
    }

    private Referent registered(String typeid) throws Exception {
        SerializableCallable<?> factory = registered.get(typeid);
        if (factory == null) {
            throw new RemoteError("no type '" + typeid + "' is registered with this manager");
        }
        return new ObjectReferent(factory.call());
    }

    Object call(long id, String method, Object[] args, Session session) throws Exception {
        Referent referent = objects.get(id);
        if (referent == null) {
            throw new RemoteError("no shared object with id " + id + " in this manager");
        }
        return referent.call(method, args, session);
    }
}
