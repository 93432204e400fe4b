package io.github.mp4j.bench;

import io.github.mp4j.Process;
import io.github.mp4j.Task;
import io.github.mp4j.wire.ObjectCodec;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Diagnostic (no Python twin): where a {@code spawn} start+join goes. Launches a cold JVM with the
 * child JVM's flags ({@code -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto}, this class path) that
 * does one piece of a child's start-up work and exits, and times it from outside (start to exit),
 * 2 warm-ups + 10 runs per variant, as {@code probe_startup} ms, impl "java-raw":
 * <ul>
 *   <li>{@code hello}: main returns at once (bare JVM start + exit)</li>
 *   <li>{@code socket}: connects to a loopback TCP server socket of this JVM (the control channel)</li>
 *   <li>{@code hmac}: SecureRandom 32 bytes + Mac HmacSHA256 over them (the handshake's crypto)</li>
 *   <li>{@code lambda}: ObjectCodec.deserialize of a serialized Task lambda, then runs it</li>
 *   <li>{@code all}: the three pieces together</li>
 *   <li>{@code mp4j_spawn}: a real {@code new Process(noop).start(); join()} in spawn mode, same run</li>
 * </ul>
 * The increments over {@code hello} say what each piece adds to a cold child.
 */
public final class StartupProbe {

    private StartupProbe() {}

    /** The cold JVM's side. args: variant, port, lambda file. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            String v = args[0];
            if (v.equals("socket") || v.equals("all")) {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[1]))) {
                    s.setTcpNoDelay(true);
                    s.getOutputStream().write(1);
                }
            }
            if (v.equals("hmac") || v.equals("all")) {
                byte[] nonce = new byte[32];
                new SecureRandom().nextBytes(nonce);
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
                if (mac.doFinal(nonce).length != 32) {
                    throw new AssertionError();
                }
            }
            if (v.equals("lambda") || v.equals("all")) {
                Task t = (Task) ObjectCodec.deserialize(Files.readAllBytes(Path.of(args[2])));
                t.run();
            }
        }
    }

    static void noop() {
        // nothing
    }

    public static void main(String[] args) throws Exception {
        Path lambdaFile = Files.createTempFile("mp4j-probe-lambda", ".bin");
        try (ServerSocket server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress())) {
            Task task = StartupProbe::noop;
            Files.write(lambdaFile, ObjectCodec.serialize(task));
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        s.getInputStream().read();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            }, "probe-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String cp = System.getProperty("java.class.path");
            for (String v : new String[] {"hello", "socket", "hmac", "lambda", "all"}) {
                List<Double> samples = new ArrayList<>();
                for (int k = 0; k < 12; k++) {
                    long t0 = System.nanoTime();
                    java.lang.Process p = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:-UsePerfData",
                            "-Xshare:auto", "-cp", cp, Child.class.getName(), v,
                            String.valueOf(server.getLocalPort()), lambdaFile.toString())
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                    if (!p.waitFor(60, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                        throw new IllegalStateException(v + ": cold JVM did not exit in 60 s");
                    }
                    long dt = System.nanoTime() - t0;
                    if (p.exitValue() != 0) {
                        throw new IllegalStateException(v + ": exit " + p.exitValue());
                    }
                    if (k >= 2) {
                        samples.add(dt / 1e6);
                    }
                }
                Emit.emitAs("java-raw", "probe_startup", "ms", samples, "variant", v,
                        "classpath_entries", cp.split(File.pathSeparator).length);
            }
        } finally {
            Files.deleteIfExists(lambdaFile);
        }
        List<Double> samples = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            long t0 = System.nanoTime();
            Process p = new Process(StartupProbe::noop);
            p.start();
            p.join(java.time.Duration.ofSeconds(30));
            if (k >= 2) {
                samples.add((System.nanoTime() - t0) / 1e6);
            }
        }
        Emit.emitAs("java-raw", "probe_startup", "ms", samples, "variant", "mp4j_spawn");
        System.exit(0);
    }
}
