package io.github.mp4j.manager;

import io.github.mp4j.AcquirerProxy;
import io.github.mp4j.ConditionProxy;
import io.github.mp4j.manager.SharedType.AcquirerMethod;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The proxy of a Lock, RLock, Semaphore, BoundedSemaphore or Condition. */
class RemoteAcquirer implements AcquirerProxy {

    private static final long serialVersionUID = 1L;

    final ProxyHandle handle;

    RemoteAcquirer(ProxyHandle handle) {
        this.handle = handle;
    }

    @Override
    public boolean acquire(boolean block, Duration timeout) throws InterruptedException {
        return (Boolean) handle.awaitInterruptibly(AcquirerMethod.acquire, block, ProxyHandle.nanos(timeout));
    }

    @Override
    public void release() {
        handle.call(AcquirerMethod.release);
    }

    @Override
    public String toString() {
        return (String) handle.call(AcquirerMethod.toString);
    }

    /** A Condition: the acquirer of its rlock, plus waiting and signalling. */
    static final class RemoteCondition extends RemoteAcquirer implements ConditionProxy {
        private static final long serialVersionUID = 1L;

        RemoteCondition(ProxyHandle handle) {
            super(handle);
        }

        @Override
        public void await() throws InterruptedException {
            handle.awaitInterruptibly(AcquirerMethod.await, -1L);
        }

        @Override
        public boolean await(Duration timeout) throws InterruptedException {
            return (Boolean) handle.awaitInterruptibly(AcquirerMethod.await, ProxyHandle.nanos(timeout));
        }

        @Override
        public boolean awaitFor(BooleanSupplier predicate, Duration timeout) throws InterruptedException {
            long deadline = timeout == null ? 0 : System.nanoTime() + ProxyHandle.nanos(timeout);
            boolean result = predicate.getAsBoolean();
            while (!result) {
                if (timeout == null) {
                    await();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    await(Duration.ofNanos(left));
                }
                result = predicate.getAsBoolean();
            }
            return result;
        }

        @Override
        public void signal() {
            signal(1);
        }

        @Override
        public void signal(int n) {
            handle.call(AcquirerMethod.signal, n);
        }

        @Override
        public void signalAll() {
            handle.call(AcquirerMethod.signalAll);
        }
    }
}
