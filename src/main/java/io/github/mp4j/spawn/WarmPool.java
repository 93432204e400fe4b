package io.github.mp4j.spawn;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Child JVMs started ahead of time, connected and waiting for a task. Taking one starts a
 * replacement in the background; if none is ready the caller launches one itself rather than wait.
 * Idle children are ordinary children: they end with this JVM.
 */
public final class WarmPool {

    private static final int IDLE = Integer.getInteger("mp4j.warm.idle", 2);
    private static final LinkedBlockingQueue<ChildJvm> READY = new LinkedBlockingQueue<>();
    private static final AtomicInteger LAUNCHING = new AtomicInteger();
    /** As many launches at once as there are CPUs, so back-to-back starts do not drain the pool. */
    private static final ExecutorService LAUNCHER = Executors.newFixedThreadPool(
            Math.max(1, Math.min(IDLE, Runtime.getRuntime().availableProcessors())), r -> {
        Thread t = new Thread(r, "mp4j-warm-launcher");
        t.setDaemon(true);
        return t;
    });

    private WarmPool() {}

    /** An idle child, or a freshly launched one when none is ready. */
    public static ChildJvm take() throws IOException {
        ChildJvm child;
        while ((child = READY.poll()) != null && !child.isAlive()) {
            // an idle child that died (killed from outside): skip it
        }
        refill();
        return child != null ? child : ChildJvm.launch();
    }

    /** Starts idle children until {@code mp4j.warm.idle} are ready or on their way. */
    public static void refill() {
        while (READY.size() + LAUNCHING.get() < IDLE) {
            LAUNCHING.incrementAndGet();
            LAUNCHER.execute(() -> {
                try {
                    READY.add(ChildJvm.launch(true));
                } catch (IOException | RuntimeException e) {
                    if (Children.exiting()) {
                        return; // the exit ended this boot, as it ends every child
                    }
                    System.err.println("mp4j: could not pre-start a warm child JVM: " + e.getMessage());
                } finally {
                    LAUNCHING.decrementAndGet();
                }
            });
        }
    }
}
