package io.github.mp4j.manager;

import io.github.mp4j.manager.SharedType.AcquirerMethod;

import java.util.concurrent.locks.ReentrantLock;

/**
 * An RLock, or a Condition with its own RLock, in the server. The owner is the server thread that
 * serves the acquiring connection, which stands for exactly one client thread (see {@code Channels}).
 */
final class ConditionReferent implements Referent, Session.Holdable {

    private final ReentrantLock lock = new ReentrantLock();
    private final ConditionCalls calls;

    ConditionReferent(SharedType type) {
        this.calls = new ConditionCalls(type, lock, lock.newCondition(), lock::isHeldByCurrentThread, lock::isLocked);
    }

    @Override
    public Object call(String method, Object[] a, Session session) throws InterruptedException {
        AcquirerMethod m = (AcquirerMethod) calls.type().method(method);
        Object result = calls.call(m, a);
        if (m == AcquirerMethod.acquire && (Boolean) result && session != null) {
            session.acquired(this);
        }
        return result;
    }

    @Override
    public void releaseAll(Session session) {
        while (lock.isHeldByCurrentThread()) {
            lock.unlock();
        }
    }
}
