package io.github.mp4j.manager;

import io.github.mp4j.EventProxy;

import java.time.Duration;

/** The proxy of an Event. */
final class RemoteEvent implements EventProxy {

    private static final long serialVersionUID = 1L;

    private final RemoteAcquirer calls;

    RemoteEvent(ProxyHandle handle) {
        this.calls = new RemoteAcquirer(handle);
    }

    @Override
    public boolean isSet() {
        return (Boolean) calls.handle.call("isSet");
    }

    @Override
    public void set() {
        calls.handle.call("set");
    }

    @Override
    public void clear() {
        calls.handle.call("clear");
    }

    @Override
    public boolean await() throws InterruptedException {
        return (Boolean) calls.waitFor("await", -1L);
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        return (Boolean) calls.waitFor("await", ProxyHandle.nanos(timeout));
    }

    @Override
    public String toString() {
        return (String) calls.handle.call("toString");
    }
}
