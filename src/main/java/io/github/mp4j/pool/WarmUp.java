package io.github.mp4j.pool;

import io.github.mp4j.SerializableFunction;

import java.util.ArrayList;
import java.util.List;

/**
 * Trains an idle worker JVM's compiler on a map chunk's path: it encodes and decodes value lists
 * of ints, longs, doubles and strings, runs them through three identity functions and encodes the
 * results, as a worker does for a map.
 *
 * <pre>{@code
 * WarmUp warmUp = WarmUp.enabled() ? new WarmUp() : null;
 * while (warmUp != null && nothingToRead()) {
 *     if (!warmUp.step()) warmUp = null;
 * }
 * }</pre>
 *
 * <p>Why: a worker JVM starts interpreted, and the loops of a chunk of thousands of values run at
 * interpreter speed (about 20 times slower here) until the JIT has counted enough of them, which a
 * fresh pool's first maps pay for. A worker takes {@link #step()}s only while no item waits for it,
 * so the training (about 80 ms of CPU in all) never delays work by more than one step (a fraction
 * of a millisecond). Three function classes make the call site of a chunk's function megamorphic:
 * compiled code then calls whatever function the user sends, instead of being thrown away for it.
 * The values are the training's own, so nothing the pool sends is affected.
 * {@code -Dmp4j.pool.warmUp=false} (in {@code mp4j.worker.jvmOptions}) turns it off.
 */
final class WarmUp {

    /** Enough calls for the JIT's thresholds (a few hundred invocations per method). */
    private static final int STEPS = 200;
    private static final int VALUES = 64;

    private final List<SerializableFunction<Object, Object>> functions = List.of(WarmUp::same, WarmUp::again, v -> v);
    private final List<List<Object>> samples = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
            new ArrayList<>());
    private int steps;

    WarmUp() {
        for (int i = 0; i < VALUES; i++) {
            samples.get(0).add(i * 40_503 - 1_000_000);
            samples.get(1).add(i * 3_037_000_493L - 100_000_000_000L);
            samples.get(2).add(i * 0.5 - 10);
            samples.get(3).add("v" + i);
        }
    }

    static boolean enabled() {
        return !"false".equals(System.getProperty("mp4j.pool.warmUp"));
    }

    /**
     * Runs one step of the training; whether more are left. A failure ends the training (the
     * worker works as well untrained).
     */
    boolean step() {
        try {
            train();
        } catch (Exception e) {
            return false;
        }
        return ++steps < STEPS;
    }

    /** One step; throws what the codec throws. */
    void train() throws Exception {
        for (List<Object> sample : samples) {
            List<Object> items = WorkCodec.readValues(WorkCodec.values(sample), 0);
            for (SerializableFunction<Object, Object> f : functions) {
                WorkCodec.result(steps, Work.chunk(f, items).run(), true);
            }
        }
    }

    private static Object same(Object value) {
        return value;
    }

    private static Object again(Object value) {
        return value;
    }
}
