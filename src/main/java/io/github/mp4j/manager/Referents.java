package io.github.mp4j.manager;

import io.github.mp4j.Manager;
import io.github.mp4j.RemoteError;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The objects of one manager server and the factories of its registered types. Objects live until the
 * server stops (Python counts references to free them earlier; we do not).
 */
final class Referents {

    private final Map<Long, Referent> objects = new ConcurrentHashMap<>();
    private final Map<String, Manager.Factory<?>> registered = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    long create(String typeid, Object[] args) throws Exception {
        Referent data = DataObjects.builtIn(typeid, args);
        Referent referent = data != null ? data : switch (typeid) {
            case "Lock" -> new MappedLockReferent();
            case "Semaphore" -> LockReferent.semaphore((Integer) args[0], false);
            case "BoundedSemaphore" -> LockReferent.semaphore((Integer) args[0], true);
            case "RLock" -> new ConditionReferent("RLock");
            case "Condition" -> new ConditionReferent("Condition");
            case "Event" -> new EventReferent();
            case "Barrier" -> new BarrierReferent((Integer) args[0]);
            case "Queue" -> new QueueReferent((Integer) args[0]);
            default -> {
                Manager.Factory<?> factory = registered.get(typeid);
                if (factory == null) {
                    throw new RemoteError("no type '" + typeid + "' is registered with this manager");
                }
                yield new ObjectReferent(factory.create());
            }
        };
        long id = ids.incrementAndGet();
        objects.put(id, referent);
        return id;
    }

    void register(String typeid, Manager.Factory<?> factory) {
        registered.put(typeid, factory);
    }

    Object call(long id, String method, Object[] args, Session session) throws Exception {
        Referent referent = objects.get(id);
        if (referent == null) {
            throw new RemoteError("no shared object with id " + id + " in this manager");
        }
        return referent.call(method, args, session);
    }
}
