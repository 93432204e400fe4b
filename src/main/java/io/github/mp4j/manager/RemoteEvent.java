package io.github.mp4j.manager;

import io.github.mp4j.EventProxy;
import io.github.mp4j.manager.SharedType.EventMethod;

import java.time.Duration;

/** The proxy of an Event. */
final class RemoteEvent implements EventProxy {

    private static final long serialVersionUID = 1L;

    private final ProxyHandle handle;

    RemoteEvent(ProxyHandle handle) {
        this.handle = handle;
    }

    @Override
    public boolean isSet() {
        return (Boolean) handle.call(EventMethod.isSet);
    }

    @Override
    public void set() {
        handle.call(EventMethod.set);
    }

    @Override
    public void clear() {
        handle.call(EventMethod.clear);
    }

    @Override
    public boolean await() throws InterruptedException {
        return (Boolean) handle.awaitInterruptibly(EventMethod.await, -1L);
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        return (Boolean) handle.awaitInterruptibly(EventMethod.await, ProxyHandle.nanos(timeout));
    }

    @Override
    public String toString() {
        return (String) handle.call(EventMethod.toString);
    }
}
