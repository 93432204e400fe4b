package io.github.mp4j.bench;

import io.github.mp4j.DictProxy;
import io.github.mp4j.Manager;
import io.github.mp4j.Pool;
import io.github.mp4j.Process;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Diagnostic (no Python twin): the CPU time that process starts cost, which load on a shared
 * machine disturbs far less than their wall time. Runs one scenario {@code n} times in this JVM and
 * prints one line: the scenario, {@code n}, the wall time, this JVM's CPU time and its reaped
 * children's (user + system from {@code /proc/self/stat}, in ms), and the children's CPU per child.
 * Uses the public API only, so the same class runs against any commit's jar (paired runs). Run it
 * once first so the children's class-data archive exists (its training JVM is a child too).
 * <ul>
 *   <li>{@code process}: {@code new Process(noop).start(); join()}, one after another (a child per round)</li>
 *   <li>{@code pool}: {@code Pool(4)}, {@code map} over 100 numbers, close (four workers per round)</li>
 *   <li>{@code manager}: {@code Manager.start()}, a dict's put and get, a list's append, close (its server JVM)</li>
 * </ul>
 * args: scenario n
 */
public final class StartCpu {

    private StartCpu() {}

    public static void main(String[] args) throws Exception {
        String scenario = args[0];
        int n = Integer.parseInt(args[1]);
        List<Integer> inputs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            inputs.add(i);
        }
        long[] before = cpu();
        long start = System.nanoTime();
        int children = 0;
        for (int round = 0; round < n; round++) {
            if (scenario.equals("process")) {
                Process p = new Process(() -> { });
                p.start();
                p.join(Duration.ofSeconds(120));
                children++;
            } else if (scenario.equals("pool")) {
                try (Pool pool = new Pool(4)) {
                    if (pool.map(x -> x * 2, inputs).size() != 100) {
                        throw new AssertionError("short map");
                    }
                }
                children += 4;
            } else if (scenario.equals("manager")) {
                try (Manager manager = Manager.start()) {
                    DictProxy<String, Integer> dict = manager.dict();
                    dict.put("k", round);
                    manager.list(List.of(1)).add(dict.get("k"));
                }
                children++;
            } else {
                throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        }
        long wall = (System.nanoTime() - start) / 1_000_000;
        long[] after = cpu();
        long self = after[0] - before[0];
        long reaped = after[1] - before[1];
        System.out.printf("%s n=%d wall_ms=%d self_cpu_ms=%d children_cpu_ms=%d per_child_cpu_ms=%.1f%n",
                scenario, n, wall, self, reaped, (double) reaped / children);
    }

    /** This JVM's CPU time and its reaped children's, in ms (clock ticks of 10 ms on Linux). */
    private static long[] cpu() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields 14-17 of proc(5): utime stime cutime cstime; f[0] is field 3
        long self = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        long reaped = Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return new long[] {self * 10, reaped * 10};
    }
}
