package io.github.mp4j.manager;

import io.github.mp4j.Queue;
import io.github.mp4j.QueueProxy;
import io.github.mp4j.manager.SharedType.QueueMethod;

import java.time.Duration;

/** The proxy of a Queue. */
@SuppressWarnings("unchecked")
final class RemoteQueue<E> implements QueueProxy<E> {

    private static final long serialVersionUID = 1L;

    private final ProxyHandle handle;

    RemoteQueue(ProxyHandle handle) {
        this.handle = handle;
    }

    @Override
    public void put(E item) throws InterruptedException {
        try {
            put(item, true, -1);
        } catch (Queue.Full impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public void put(E item, Duration timeout) throws InterruptedException, Queue.Full {
        put(item, true, ProxyHandle.nanos(timeout));
    }

    @Override
    public void putNowait(E item) throws InterruptedException, Queue.Full {
        put(item, false, -1);
    }

    private void put(E item, boolean block, long nanos) throws InterruptedException, Queue.Full {
        try {
            handle.await(QueueMethod.put, item, block, nanos);
        } catch (InterruptedException | Queue.Full e) {
            throw e;
        } catch (Exception e) {
            throw ProxyHandle.unexpected(e);
        }
    }

    @Override
    public E get() throws InterruptedException {
        try {
            return get(true, -1);
        } catch (Queue.Empty impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public E get(Duration timeout) throws InterruptedException, Queue.Empty {
        return get(true, ProxyHandle.nanos(timeout));
    }

    @Override
    public E getNowait() throws InterruptedException, Queue.Empty {
        return get(false, -1);
    }

    private E get(boolean block, long nanos) throws InterruptedException, Queue.Empty {
        try {
            return (E) handle.await(QueueMethod.get, block, nanos);
        } catch (InterruptedException | Queue.Empty e) {
            throw e;
        } catch (Exception e) {
            throw ProxyHandle.unexpected(e);
        }
    }

    @Override
    public int qsize() {
        return (Integer) handle.call(QueueMethod.qsize);
    }

    @Override
    public boolean empty() {
        return (Boolean) handle.call(QueueMethod.empty);
    }

    @Override
    public boolean full() {
        return (Boolean) handle.call(QueueMethod.full);
    }

    @Override
    public void taskDone() {
        handle.call(QueueMethod.taskDone);
    }

    @Override
    public void join() throws InterruptedException {
        handle.awaitInterruptibly(QueueMethod.join);
    }

    @Override
    public String toString() {
        return (String) handle.call(QueueMethod.toString);
    }
}
