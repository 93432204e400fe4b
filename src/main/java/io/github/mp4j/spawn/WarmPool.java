package io.github.mp4j.spawn;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Child JVMs started ahead of time, connected and waiting for a task ({@code StartMethod.WARM}).
 * Taking one starts a replacement in the background; if none is ready the caller launches a fresh
 * one itself, as a spawn does, rather than wait. Idle children are ordinary children: they end with
 * this JVM.
 *
 * <p>While it waits, a warm child trains: it rebuilds and runs rehearsal tasks until its
 * deserialization and task paths are compiled, then says so ({@code TRAINED}); {@link #take()}
 * hands out a trained child first, then one still training (which stops for its task), and none
 * only when none is idle.
 *
 * <p>How many wait adapts to the rate of starts: enough to serve the starts that arrive while a
 * replacement boots and trains (starts per second over the last {@value #WINDOW_MILLIS} ms times the
 * measured boot-and-train time), at least {@code mp4j.warm.idle} (default 2) and at most
 * {@code mp4j.warm.maxIdle} (default twice the CPUs). At most as many JVMs boot at once as there are
 * CPUs: more would only share them. When starts slow down no idle child is ended (each cost a boot);
 * they are simply not replaced until fewer than the target wait.
 */
public final class WarmPool {

    static final int MIN_IDLE = Math.max(0, Integer.getInteger("mp4j.warm.idle", 2));
    static final int MAX_IDLE = Math.max(MIN_IDLE,
            Integer.getInteger("mp4j.warm.maxIdle", 2 * Runtime.getRuntime().availableProcessors()));
    private static final long WINDOW_MILLIS = 2000;
    private static final LinkedBlockingDeque<ChildJvm> READY = new LinkedBlockingDeque<>();
    private static final AtomicInteger LAUNCHING = new AtomicInteger();
    /** When recent starts took a child, in System.nanoTime(), oldest first; guarded by itself. */
    private static final Deque<Long> TAKES = new ArrayDeque<>();
    /** A moving average of the time from launch to trained, in nanoseconds. */
    private static volatile double bootNanos = 300e6;
    private static final ExecutorService LAUNCHER = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
        Thread t = new Thread(r, "mp4j-warm-launcher");
        t.setDaemon(true);
        return t;
    });

    private WarmPool() {}

    /**
     * An idle child, trained if one is, or null when none is idle (the caller then launches one:
     * launching here would wait for it to boot, where a spawn's launch lets many boot together).
     * Either way a replacement is on its way.
     */
    public static ChildJvm take() {
        noteStart(System.nanoTime());
        ChildJvm chosen = null;
        for (ChildJvm idle : READY) { // oldest first
            if (!idle.isAlive()) {
                READY.remove(idle); // killed from outside: skip it
            } else if (idle.trained().isDone() && READY.remove(idle)) {
                chosen = idle;
                break;
            }
        }
        while (chosen == null && (chosen = READY.pollFirst()) != null && !chosen.isAlive()) {
            chosen = null;
        }
        refill();
        return chosen;
    }

    /** Counts a start at {@code nanoTime} for {@link #target}. */
    static void noteStart(long nanoTime) {
        synchronized (TAKES) {
            TAKES.addLast(nanoTime);
        }
    }

    /** Starts idle children until {@link #target} are ready or on their way. */
    public static void refill() {
        int target = target(System.nanoTime());
        while (READY.size() + LAUNCHING.get() < target) {
            LAUNCHING.incrementAndGet();
            LAUNCHER.execute(WarmPool::launchOne);
        }
    }

    private static void launchOne() {
        try {
            ChildJvm child = ChildJvm.launch(true);
            child.trained().thenRun(() -> {
                long took = java.time.Duration.between(child.launchedAt(), java.time.Instant.now()).toNanos();
                bootNanos = 0.7 * bootNanos + 0.3 * took;
            });
            READY.addLast(child);
        } catch (IOException | RuntimeException e) {
            if (Children.exiting()) {
                return; // the exit ended this boot, as it ends every child
            }
            System.err.println("mp4j: could not pre-start a warm child JVM: " + e.getMessage());
        } finally {
            LAUNCHING.decrementAndGet();
        }
    }

    /**
     * How many idle children to keep: the starts expected while one replacement boots and trains,
     * within [{@code mp4j.warm.idle}, {@code mp4j.warm.maxIdle}].
     */
    static int target(long now) {
        int recent;
        synchronized (TAKES) {
            while (!TAKES.isEmpty() && now - TAKES.peekFirst() > WINDOW_MILLIS * 1_000_000) {
                TAKES.removeFirst();
            }
            recent = TAKES.size();
        }
        double perNano = recent / (WINDOW_MILLIS * 1e6);
        int needed = (int) Math.ceil(perNano * bootNanos);
        return Math.min(MAX_IDLE, Math.max(MIN_IDLE, needed));
    }

    /** The idle children, oldest first (booted; trained or not). */
    static java.util.List<ChildJvm> idle() {
        return java.util.List.copyOf(READY);
    }
}
