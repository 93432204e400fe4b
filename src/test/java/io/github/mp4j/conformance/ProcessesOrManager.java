package io.github.mp4j.conformance;

import io.github.mp4j.Acquirer;
import io.github.mp4j.Barrier;
import io.github.mp4j.BoundedSemaphore;
import io.github.mp4j.Condition;
import io.github.mp4j.Event;
import io.github.mp4j.ListProxy;
import io.github.mp4j.Lock;
import io.github.mp4j.Manager;
import io.github.mp4j.Process;
import io.github.mp4j.RLock;
import io.github.mp4j.Semaphore;
import io.github.mp4j.SerializableRunnable;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.Parameter;

/**
 * A conformance class CPython runs per start method both with the shared-memory types
 * ({@code WithProcesses...}) and with the manager's ({@code WithManager...}): the types of this
 * run, made by {@link #lock()}, {@link #event()} and the others. The local types and the manager's
 * proxies share no Java interface beyond {@link Acquirer}, so the tests see both through the small
 * interfaces here. One manager serves every test of a run, as CPython's class-wide manager does.
 *
 * <pre>{@code
 * @ParameterizedClass(name = "{0} {1}")
 * @MethodSource("io.github.mp4j.conformance.ProcessesOrManager#runs")
 * class TestLock extends ProcessesOrManager { ... lock().acquire() ... }
 * }</pre>
 */
abstract class ProcessesOrManager extends PerStartMethod {

    /** Which implementation of the synchronisation types a run tests. */
    enum Types { PROCESSES, MANAGER }

    private static Manager manager;
    private static io.github.mp4j.StartMethod managerMethod;

    @Parameter(1)
    Types types;

    /** Every start method with each kind of types. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> runs() {
        return java.util.stream.Stream.of(Types.values()).flatMap(t -> java.util.stream.Stream
                .of(io.github.mp4j.StartMethod.values()).map(m -> org.junit.jupiter.params.provider.Arguments.of(m, t)));
    }

    /** The manager of this run's start method, started on first use. */
    Manager manager() {
        synchronized (ProcessesOrManager.class) {
            if (manager == null || managerMethod != startMethod) {
                shutdownManager();
                try {
                    manager = Process.context(startMethod).manager();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                managerMethod = startMethod;
            }
            return manager;
        }
    }

    @AfterAll
    static void shutdownManager() {
        synchronized (ProcessesOrManager.class) {
            if (manager != null) {
                manager.shutdown();
                manager = null;
            }
        }
    }

    boolean withManager() {
        return types == Types.MANAGER;
    }

    Acquirer lock() {
        return withManager() ? manager().lock() : new Lock();
    }

    Acquirer rlock() {
        return withManager() ? manager().rlock() : new RLock();
    }

    Acquirer semaphore(int value) {
        return withManager() ? manager().semaphore(value) : new Semaphore(value);
    }

    Acquirer boundedSemaphore(int value) {
        return withManager() ? manager().boundedSemaphore(value) : new BoundedSemaphore(value);
    }

    Flag event() {
        return withManager() ? adapt(Flag.class, manager().event()) : adapt(Flag.class, new Event());
    }

    Cond condition() {
        return withManager() ? adapt(Cond.class, manager().condition()) : adapt(Cond.class, new Condition());
    }

    /** A barrier of this run's types; the manager's takes no action or default timeout. */
    Gate barrier(int parties, SerializableRunnable action, Duration timeout) {
        if (withManager()) {
            if (action != null || timeout != null) {
                throw new IllegalArgumentException("manager.barrier(parties) takes no action or timeout");
            }
            return adapt(Gate.class, manager().barrier(parties));
        }
        return adapt(Gate.class, new Barrier(parties, action, timeout));
    }

    /**
     * CPython's {@code assertReturnsIfImplemented(expected, get_value, sem)}: the value of a
     * shared-memory semaphore, waiting up to {@link #BOUND} for it to reach {@code expected}
     * ({@code assertReachesEventually}); nothing for the manager's, which have no value.
     */
    static void assertValueEventually(int expected, Acquirer sem) throws InterruptedException {
        if (sem instanceof Semaphore local) {
            io.github.mp4j.Eventually.assertHolds(BOUND, () -> local.getValue() == expected,
                    () -> "semaphore value " + local.getValue() + ", expected " + expected);
        }
    }

    /** As {@link #assertValueEventually}, at once. */
    static void assertValue(int expected, Acquirer sem) {
        if (sem instanceof Semaphore local) {
            org.junit.jupiter.api.Assertions.assertEquals(expected, local.getValue());
        }
    }

    /** CPython's {@code DummyList}, of which the tests only append and count: a counter. */
    Counter counter() {
        return withManager() ? new ListCounter(manager().list()) : new SemaphoreCounter(new Semaphore(0));
    }

    /** An event of either kind. */
    interface Flag extends Serializable {
        boolean isSet();

        void set();

        void clear();

        boolean await() throws InterruptedException;

        boolean await(Duration timeout) throws InterruptedException;
    }

    /** A condition of either kind. */
    interface Cond extends Acquirer, Serializable {
        void await() throws InterruptedException;

        boolean await(Duration timeout) throws InterruptedException;

        boolean awaitFor(BooleanSupplier predicate, Duration timeout) throws InterruptedException;

        void signal();

        void signal(int n);

        void signalAll();
    }

    /** A barrier of either kind. */
    interface Gate extends Serializable {
        int await() throws InterruptedException, BrokenBarrierException;

        int await(Duration timeout) throws InterruptedException, BrokenBarrierException, TimeoutException;

        void abort();

        void reset();

        int parties();

        int nWaiting();

        boolean isBroken();
    }

    /** What CPython's tests do with a list shared between processes: append and count. */
    interface Counter extends Serializable {
        void add();

        int size();
    }

    /**
     * {@code target} seen through {@code view}, whose methods it has under the same names and
     * parameter types; serializable, so it travels into a child with what it wraps.
     */
    static <T> T adapt(Class<T> view, Object target) {
        return view.cast(java.lang.reflect.Proxy.newProxyInstance(view.getClassLoader(), new Class<?>[] {view},
                new SameNamed(target)));
    }

    private record SameNamed(Object target) implements java.lang.reflect.InvocationHandler, Serializable {
        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            if (method.isDefault()) {
                return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(target, args);
            }
            java.lang.reflect.Method same = target.getClass().getMethod(method.getName(), method.getParameterTypes());
            same.setAccessible(true); // a proxy's class is not public
            try {
                return same.invoke(target, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private record SemaphoreCounter(Semaphore s) implements Counter {
        public void add() {
            s.release();
        }

        public int size() {
            return s.getValue();
        }
    }

    private record ListCounter(ListProxy<Boolean> list) implements Counter {
        public void add() {
            list.add(true);
        }

        public int size() {
            return list.size();
        }
    }
}
