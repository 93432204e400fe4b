package io.github.mp4j.manager;

import io.github.mp4j.BarrierProxy;

import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeoutException;

/** The proxy of a Barrier. */
final class RemoteBarrier implements BarrierProxy {

    private static final long serialVersionUID = 1L;

    private final ProxyHandle handle;

    RemoteBarrier(ProxyHandle handle) {
        this.handle = handle;
    }

    @Override
    public int await() throws InterruptedException, BrokenBarrierException {
        try {
            return await(-1);
        } catch (TimeoutException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public int await(Duration timeout) throws InterruptedException, BrokenBarrierException, TimeoutException {
        return await(ProxyHandle.nanos(timeout));
    }

    private int await(long nanos) throws InterruptedException, BrokenBarrierException, TimeoutException {
        try {
            return (Integer) handle.await("await", nanos);
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            throw e;
        } catch (Exception e) {
            throw ProxyHandle.unexpected(e);
        }
    }

    @Override
    public void reset() {
        handle.call("reset");
    }

    @Override
    public void abort() {
        handle.call("abort");
    }

    @Override
    public int parties() {
        return (Integer) handle.call("parties");
    }

    @Override
    public int nWaiting() {
        return (Integer) handle.call("nWaiting");
    }

    @Override
    public boolean isBroken() {
        return (Boolean) handle.call("isBroken");
    }

    @Override
    public String toString() {
        return (String) handle.call("toString");
    }
}
