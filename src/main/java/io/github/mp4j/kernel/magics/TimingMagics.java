package io.github.mp4j.kernel.magics;

import io.github.mp4j.display.TimeFormat;
import io.github.mp4j.kernel.execution.CompilationException;
import java.util.Set;

/**
 * {@code %time}, {@code %%time}, {@code %timeit} and {@code %%timeit}, as in IPython.
 *
 * <ul>
 *   <li>{@code %time stmt} / {@code %%time}: runs the line (or the cell) once, prints
 *       {@code CPU times: user 30 ms, sys: 10 ms, total: 40 ms} (the kernel JVM's, all threads, to
 *       the 10 ms tick of {@code /proc/self/stat}) and {@code Wall time: 1.02 s} after its output
 *       and shows its value. The time includes JShell's
 *       compilation of the code (typically tens of milliseconds).
 *   <li>{@code %timeit [-n loops] [-r runs] [-o name] stmt} / {@code %%timeit [options] [setup]}
 *       with the timed block as the cell: the code is compiled once into a lambda and run
 *       {@code runs} (default 7) times {@code loops} times on the cell's thread; without
 *       {@code -n} the loop count is the first of 1, 10, 100, ... whose run takes 0.2 s. Prints
 *       {@code mean ± std. dev. per loop}. {@code -o name} also stores the
 *       {@link io.github.mp4j.kernel.runtime.TimeitResult} in top-level variable {@code name};
 *       {@code Timing.lastTimeit()} returns it too. A line that is an expression is timed with its
 *       value kept, so the JIT cannot drop it.
 * </ul>
 * These magics run cell code, so they take a line of their own, not {@code var x = %time ...}.
 */
public final class TimingMagics {

    static final String TIMING = "io.github.mp4j.kernel.runtime.Timing";
    private static final int DEFAULT_RUNS = 7;
    private static final Set<String> TIMEIT_OPTIONS = Set.of("n", "r", "o");
    private static final String TIMEIT_USAGE = "%timeit [-n loops] [-r runs] [-o name] statement";

    private final LoadMagic.Runner runner;

    private TimingMagics(LoadMagic.Runner runner) {
        this.runner = runner;
    }

    /** Registers the four magics; {@code runner} runs cell text in the kernel's session. */
    public static void register(MagicRegistry registry, LoadMagic.Runner runner) {
        TimingMagics m = new TimingMagics(runner);
        registry.line("time", code -> m.time(code, 0));
        registry.cell("time", (args, body) -> m.time(body, 1));
        registry.line("timeit", m::timeitLine);
        registry.cell("timeit", m::timeitCell);
    }

    /** @param firstLine how many lines precede {@code code} in the cell, so errors name cell lines */
    private Object time(String code, int firstLine) throws Exception {
        if (code.isBlank()) {
            throw new IllegalArgumentException("usage: %time statement, or %%time above a cell");
        }
        long[] cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        Object value = runner.run("\n".repeat(firstLine) + code);
        long wall = System.nanoTime() - start;
        long[] cpuAfter = processCpuNanos();
        if (cpuBefore != null && cpuAfter != null) {
            long user = cpuAfter[0] - cpuBefore[0];
            long sys = cpuAfter[1] - cpuBefore[1];
            System.out.println("CPU times: user " + TimeFormat.nanos(user) + ", sys: " + TimeFormat.nanos(sys)
                    + ", total: " + TimeFormat.nanos(user + sys));
        }
        System.out.println("Wall time: " + TimeFormat.nanos(wall));
        return value;
    }

    /** Clock ticks per second of {@code /proc/self/stat}'s times (USER_HZ, 100 on Linux). */
    private static final long TICKS_PER_SECOND = 100;

    /**
     * This JVM's user and system CPU time so far, as IPython's {@code %time} reads its process's
     * (all threads, to the kernel's 10 ms tick); null where {@code /proc} is missing.
     */
    static long[] processCpuNanos() {
        if (!io.github.mp4j.platform.LinuxPaths.available()) {
            return null; // the portable transport reads no /proc (see handles.Transport)
        }
        try {
            String stat = java.nio.file.Files.readString(io.github.mp4j.platform.LinuxPaths.proc("self/stat"));
            // fields after the command name, which is in parentheses and may hold spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long tick = 1_000_000_000L / TICKS_PER_SECOND;
            return new long[] {Long.parseLong(f[11]) * tick, Long.parseLong(f[12]) * tick};
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private Object timeitLine(String args) throws Exception {
        MagicOptions o = MagicOptions.parse(args, TIMEIT_OPTIONS, TIMEIT_USAGE);
        if (o.rest().isEmpty()) {
            throw new IllegalArgumentException("usage: " + TIMEIT_USAGE);
        }
        String expression = o.rest().replaceFirst(";\\s*$", "");
        try {
            // an expression keeps its value (sink); a void call or a statement does not compile so
            return timeit(o, "() -> " + TIMING + ".sink(" + expression + ")");
        } catch (CompilationException notAnExpression) {
            return timeit(o, "() -> {" + o.rest() + "\n;}");
        }
    }

    private Object timeitCell(String args, String body) throws Exception {
        MagicOptions o = MagicOptions.parse(args, TIMEIT_OPTIONS, "%%timeit [-n loops] [-r runs] [-o name] [setup]");
        if (body.isBlank()) {
            throw new IllegalArgumentException("%%timeit times the cell below its first line, and the cell is empty");
        }
        if (!o.rest().isEmpty()) {
            runner.run(o.rest());
        }
        return timeit(o, "() -> {\n" + body + "\n;}");
    }

    /** Compiles and runs {@code Timing.timeit(loops, runs, lambda)} in the session and prints the result. */
    private Object timeit(MagicOptions o, String lambda) throws Exception {
        int loops = o.positive("n", 0);
        int runs = o.positive("r", DEFAULT_RUNS);
        String name = o.identifier("o");
        Object result = runner.run((name == null ? "" : "var " + name + " = ")
                + TIMING + ".timeit(" + loops + ", " + runs + ", " + lambda + ")"
                + (name == null ? "" : ";"));
        System.out.println(name == null ? result : runner.run(name));
        return null;
    }
}
