package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A thousand processes, each started with a new lock and a new pipe end in its task, joined, and
 * the handles closed, in a JVM limited to 256 descriptors: nothing a cycle opens outlives it. A
 * child JVM costs some 150 ms to start here, so this takes minutes.
 */
class HandleLimitIT {

    private static final int CYCLES = 1000;

    @Test
    void aThousandStartJoinCyclesRunUnderAFileLimitOf256() throws Exception {
        // only the class directories: a long class path of jars would take descriptors of its own
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> new File(entry).isDirectory()).collect(Collectors.joining(File.pathSeparator));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        java.lang.Process drill = new ProcessBuilder("sh", "-c", "ulimit -n 256 && exec \"$0\" -cp \"$1\" \"$2\" \"$3\"",
                java, classPath, Cycles.class.getName(), String.valueOf(CYCLES))
                .redirectErrorStream(true).start();
        drill.getOutputStream().close();
        byte[] output = drill.getInputStream().readAllBytes(); // ends when the drill exits
        assertTrue(drill.waitFor(20, TimeUnit.MINUTES), "the drill is still running");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, drill.exitValue(), text);
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
