package io.github.mp4j.pool;

import io.github.mp4j.SerializableFunction;
import io.github.mp4j.wire.ObjectCodec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Trains a new worker JVM's compiler on the pool's own message path before the worker reads its
 * first item: it decodes chunk messages of ints, longs, doubles and strings, runs them through an
 * identity function and encodes the results, as a map does.
 *
 * <p>Why: a worker JVM starts interpreted, and the loops of a map chunk (decode, apply, encode)
 * run at interpreter speed until the JIT has seen a few hundred chunks, which a short map never
 * gives it: a fresh pool's first maps ran 3-6 times slower than later ones. These few hundred
 * small chunks cost the worker's start some milliseconds of CPU (bounded by {@link #MAX_MILLIS}
 * however slow the machine is) and use a codec of their own, so nothing the pool sends is
 * affected. {@code -Dmp4j.pool.warmUp=false} (in the worker's JVM options) turns it off.
 */
final class WarmUp {

    /** Enough calls for the JIT's thresholds (a few hundred invocations per method). */
    private static final int ROUNDS = 400;
    private static final int VALUES = 64;
    private static final long MAX_MILLIS = 150;

    private WarmUp() {}

    static boolean enabled() {
        return !"false".equals(System.getProperty("mp4j.pool.warmUp"));
    }

    /** Runs the warm-up; never throws (a failure only means the JIT was not trained). */
    static void run() {
        try {
            train();
        } catch (Exception e) {
            // the worker works as well untrained
        }
    }

    static void train() throws Exception {
        // Three function classes make the call site of a chunk's function megamorphic: compiled
        // code then calls whatever function the user sends, instead of being thrown away for it.
        List<SerializableFunction<Object, Object>> functions = List.of(WarmUp::same, WarmUp::again, v -> v);
        byte[] fn = ObjectCodec.serialize(functions.get(0));
        List<List<Object>> samples = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
        for (int i = 0; i < VALUES; i++) {
            samples.get(0).add(i * 31);
            samples.get(1).add(i * 31L);
            samples.get(2).add(i * 0.5);
            samples.get(3).add("v" + i);
        }
        WorkCodec codec = new WorkCodec();
        WorkCodec.Buffer buffer = new WorkCodec.Buffer();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_MILLIS);
        for (int round = 0; round < ROUNDS && System.nanoTime() < deadline; round++) {
            for (List<Object> sample : samples) {
                byte[] values = WorkCodec.values(sample);
                WorkCodec.withDefinition(buffer, WorkCodec.CHUNK, round, 1, round == 0 ? fn : null, values);
                if (codec.request(buffer.toByteArray()).unreadable() != null) {
                    return;
                }
                List<Object> items = WorkCodec.readValues(values, 0);
                for (SerializableFunction<Object, Object> f : functions) {
                    WorkCodec.result(round, Work.chunk(f, items).run(), true);
                }
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
