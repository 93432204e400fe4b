package io.github.mp4j.manager;

import io.github.mp4j.BarrierProxy;
import io.github.mp4j.manager.SharedType.BarrierMethod;

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
            return (Integer) handle.await(BarrierMethod.await, nanos);
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            throw e;
        } catch (Exception e) {
            throw ProxyHandle.unexpected(e);
        }
    }

    @Override
    public void reset() {
        handle.call(BarrierMethod.reset);
    }

    @Override
    public void abort() {
        handle.call(BarrierMethod.abort);
    }

    @Override
    public int parties() {
        return (Integer) handle.call(BarrierMethod.parties);
    }

    @Override
    public int nWaiting() {
        return (Integer) handle.call(BarrierMethod.nWaiting);
    }

    @Override
    public boolean isBroken() {
        return (Boolean) handle.call(BarrierMethod.isBroken);
    }

    @Override
    public String toString() {
        return (String) handle.call(BarrierMethod.toString);
    }
}
