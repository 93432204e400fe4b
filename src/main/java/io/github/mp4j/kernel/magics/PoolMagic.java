package io.github.mp4j.kernel.magics;

import io.github.mp4j.Pool;
import io.github.mp4j.PoolState;
import io.github.mp4j.Process;
import io.github.mp4j.StartMethod;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code %pool N [--warm]}: starts a {@link Pool} of {@code N} worker JVMs, waits until they are
 * up, shows its live state table and returns it ({@code var pool = %pool 4}). {@code --warm} takes
 * pre-started JVMs ({@link StartMethod#WARM}); without it the pool uses
 * {@link Process#getStartMethod()}. {@code %pool} alone shows every live pool of the kernel
 * ({@link Pool#active()}); {@code %pool --timeline} shows each live pool's {@link Pool#timeline()}
 * instead, the last tasks its workers ran as an SVG picture.
 *
 * <p>The table of a shown pool updates in place while cells run, a few times a second at most,
 * and shows the pool's final state when the cell that changed it ends.
 */
public final class PoolMagic {

    static final String USAGE = "%pool N [--warm] starts a pool of N workers; %pool alone shows every live pool;"
            + " %pool --timeline shows what their workers ran";
    private static final long START_WAIT_SECONDS = 60;

    private PoolMagic() {}

    /** Registers {@code %pool}; {@code show} shows a value as a new (live, for pools) output. */
    public static void register(MagicRegistry registry, Consumer<Object> show) {
        registry.line("pool", new LineMagic() {
            @Override
            public Object run(String args) throws Exception {
                Request request = parse(args);
                if (request == TIMELINES) {
                    List<Pool> pools = Pool.active();
                    if (pools.isEmpty()) {
                        System.out.println("no live pools");
                    }
                    pools.forEach(pool -> show.accept(pool.timeline()));
                    return null;
                }
                if (request == null) {
                    List<Pool> pools = Pool.active();
                    if (pools.isEmpty()) {
                        System.out.println("no live pools");
                    }
                    pools.forEach(show);
                    return null;
                }
                Pool pool = Pool.builder().processes(request.processes())
                        .startMethod(request.warm() ? StartMethod.WARM : Process.getStartMethod()).build();
                awaitWorkers(pool);
                show.accept(pool);
                return pool;
            }

            @Override
            public String resultType() {
                return Pool.class.getName();
            }
        });
    }

    /** What {@code %pool} was asked for; null for "show every live pool". */
    record Request(int processes, boolean warm) {}

    /** {@code %pool --timeline}. */
    static final Request TIMELINES = new Request(0, false);

    static Request parse(String args) {
        if (args.strip().equals("--timeline")) {
            return TIMELINES;
        }
        Integer processes = null;
        boolean warm = false;
        for (String word : args.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (word.equals("--warm") && !warm) {
                warm = true;
            } else if (word.matches("\\d{1,6}") && processes == null) {
                processes = Integer.parseInt(word);
            } else {
                throw new IllegalArgumentException("unexpected '" + word + "'; usage: " + USAGE);
            }
        }
        if (processes == null) {
            if (warm) {
                throw new IllegalArgumentException("--warm needs a number of workers; usage: " + USAGE);
            }
            return null;
        }
        if (processes < 1) {
            throw new IllegalArgumentException("a pool needs at least 1 worker; usage: " + USAGE);
        }
        return new Request(processes, warm);
    }

    /**
     * Waits (at most {@value #START_WAIT_SECONDS} s) until no worker is starting, so that the table
     * shows the workers' pids: a table shown now is updated only while cells run.
     */
    private static void awaitWorkers(Pool pool) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_WAIT_SECONDS);
        while (pool.state().count(PoolState.WorkerState.STARTING) > 0) {
            if (System.nanoTime() > deadline) {
                return; // shown as it is; its table catches up while later cells run
            }
            Thread.sleep(20);
        }
    }
}
