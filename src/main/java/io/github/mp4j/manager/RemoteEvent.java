package io.github.mp4j.manager;

import io.github.mp4j.EventProxy;

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
        return (Boolean) handle.call("isSet");
    }

    @Override
    public void set() {
        handle.call("set");
    }

    @Override
    public void clear() {
        handle.call("clear");
    }

    @Override
    public boolean await() throws InterruptedException {
        return (Boolean) handle.awaitInterruptibly("await", -1L);
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        return (Boolean) handle.awaitInterruptibly("await", ProxyHandle.nanos(timeout));
    }

    @Override
    public String toString() {
        return (String) handle.call("toString");
    }
}
