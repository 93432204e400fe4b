package io.github.mp4j.pool;

import io.github.mp4j.PoolState;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The listeners of one pool's state ({@code Pool.addListener}), told on a notifier thread of their
 * own, started with the first listener. Bursts of changes are coalesced: a listener sees the latest
 * state, not every change, and always the last one. Thread-safe; {@link #changed()} is cheap when
 * nobody listens or a notification is already due, and never runs a listener on the caller's thread.
 */
final class StateListeners {

    private final String name;
    private final Supplier<PoolState> state;
    private final ThreadFactory notifierThread;
    private final List<Consumer<PoolState>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean notificationDue = new AtomicBoolean();
    private volatile ExecutorService notifier;

    StateListeners(String name, Supplier<PoolState> state, ThreadFactory notifierThread) {
        this.name = name;
        this.state = state;
        this.notifierThread = notifierThread;
    }

    /** Adds {@code listener} and tells it the current state. */
    void add(Consumer<PoolState> listener) {
        if (notifier == null) {
            synchronized (listeners) {
                if (notifier == null) {
                    notifier = Executors.newSingleThreadExecutor(notifierThread);
                }
            }
        }
        listeners.add(listener);
        changed();
    }

    void remove(Consumer<PoolState> listener) {
        listeners.remove(listener);
    }

    /** The state has changed: tells every listener, soon, the state as it is then. */
    void changed() {
        if (listeners.isEmpty() || !notificationDue.compareAndSet(false, true)) {
            return;
        }
        notifier.execute(() -> {
            notificationDue.set(false);
            PoolState current = state.get();
            for (Consumer<PoolState> listener : listeners) {
                Job.runCallback(listener, current, name + "'s state listener");
            }
        });
    }
}
