package io.github.mp4j.bench;

import io.github.mp4j.wire.ObjectCodec;

import java.util.ArrayList;
import java.util.List;

/**
 * Diagnostic (no Python twin): what one {@code send(i)}/{@code recv()} pays for serialization alone,
 * in this JVM, no I/O. {@code probe_codec} ns per operation, impl "java-raw", variants:
 * {@code serialize_int} (ObjectCodec.serialize of a boxed int), {@code deserialize_int}, and
 * {@code bytes_int} (the size of that serialized message, in bytes, as "median"). A pipe round trip
 * of {@code pipe_roundtrip} does each of the first two twice (once per side).
 */
public final class CodecProbe {

    private CodecProbe() {}

    public static void main(String[] args) throws Exception {
        int n = 200_000;
        for (int i = 0; i < n; i++) { // warm-up (JIT)
            ObjectCodec.deserialize(ObjectCodec.serialize(i));
        }
        List<Double> ser = new ArrayList<>();
        List<Double> de = new ArrayList<>();
        byte[] sample = ObjectCodec.serialize(12345);
        long sink = 0;
        for (int r = 0; r < 5; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += ObjectCodec.serialize(i).length;
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += (Integer) ObjectCodec.deserialize(sample);
            }
            long t2 = System.nanoTime();
            ser.add((t1 - t0) / (double) n);
            de.add((t2 - t1) / (double) n);
        }
        Emit.emitAs("java-raw", "probe_codec", "ns/op", ser, "variant", "serialize_int", "checksum", sink % 7);
        Emit.emitAs("java-raw", "probe_codec", "ns/op", de, "variant", "deserialize_int");
        Emit.emitAs("java-raw", "probe_codec", "bytes", List.of((double) sample.length), "variant", "bytes_int");
    }
}
