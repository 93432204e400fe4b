package io.github.mp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's examples, kept compiling and correct. */
class ReadmeExamplesTest {

    @Test
    void quickStart() throws Exception {
        Pipe pipe = Pipe.open();
        Connection parentEnd = pipe.conn1(), childEnd = pipe.conn2();

        Process p = new Process(() -> {
            childEnd.send("hello from pid " + Process.current().pid());
            childEnd.send(null);
        });
        p.start();
        childEnd.close();

        List<Object> got = new ArrayList<>();
        for (Object m; (m = parentEnd.recv()) != null; ) {
            got.add(m);
        }
        p.join();
        assertEquals(List.of("hello from pid " + p.pid()), got);
        assertEquals(0, p.exitCode());
        parentEnd.close();
    }

    @Test
    void lockAndQueue() throws Exception {
        Lock lock = new Lock();
        Queue results = new Queue();
        List<Process> workers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int id = i;
            Process p = new Process(() -> {
                try (Held held = lock.hold()) {
                    System.out.println("worker " + id + " has the lock");
                }
                results.put(id * id);
            });
            p.start();
            workers.add(p);
        }
        Set<Object> squares = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            squares.add(results.get(Duration.ofSeconds(60)));
        }
        for (Process p : workers) {
            p.join(Duration.ofSeconds(60));
        }
        assertEquals(Set.of(0, 1, 4, 9), squares);
    }

    @Test
    void pool() throws Exception {
        List<String> printed = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Pool pool = new Pool(4)) {
            List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3, 4));
            assertEquals(List.of(1, 4, 9, 16), squares);
            AsyncResult<Long> r = pool.applyAsync(() -> ProcessHandle.current().pid(),
                    workerPid -> printed.add("ran in " + workerPid
                            + ", callback in " + ProcessHandle.current().pid()));
            long worker = r.get(Duration.ofSeconds(30));
            assertEquals(List.of("ran in " + worker + ", callback in " + ProcessHandle.current().pid()), printed);
            try {
                pool.apply(() -> 1 / 0);
                throw new AssertionError("1 / 0 returned");
            } catch (ArithmeticException e) {
                org.junit.jupiter.api.Assertions.assertInstanceOf(RemoteTraceback.class, e.getCause());
            }
        }
    }

    /** The README's slow step: long enough that the cancel finds it running. */
    static long slowStep(long x) throws InterruptedException {
        Thread.sleep(60_000);
        return x;
    }

    @Test
    void stopMeansStopAndPerPoolSettings() throws Exception {
        List<Long> inputs = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        try (Pool pool = Pool.builder().processes(4)
                .retries(2)
                .jvmOptions("-Xmx2g")
                .maxMemoryPerChild(1L << 30)
                .cancelGrace(Duration.ofMillis(500))
                .build()) {
            AsyncResult<List<Long>> job = pool.mapAsync(x -> slowStep(x), inputs);
            assertTrue(job.cancel(true));
            org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CancellationException.class,
                    () -> job.get(Duration.ofSeconds(30)));
            assertEquals(new PoolState.Settings(0, 1L << 30, List.of("-Xmx2g"), 2, Duration.ofMillis(500)),
                    pool.state().settings());
        }
    }

    @Test
    void manager() throws Exception {
        try (Manager manager = Manager.start()) {
            DictProxy<String, Integer> d = manager.dict();
            AcquirerProxy lock = manager.lock();
            d.put("count", 4);
            List<Process> workers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Process p = new Process(() -> {
                    try (Held held = lock.hold()) {
                        d.put("count", d.get("count") - 1);
                    }
                    d.merge("done", 1, Integer::sum);
                });
                p.start();
                workers.add(p);
            }
            for (Process p : workers) {
                p.join(Duration.ofSeconds(120));
                assertEquals(0, p.exitCode());
            }
            assertEquals("{count=0, done=4}", d.toString());
        }
    }

    @Test
    @Timeout(120)
    void progressAndTimeline(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        List<Integer> inputs = IntStream.range(0, 200).boxed().toList();
        java.io.ByteArrayOutputStream bar = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = new java.io.PrintStream(bar, true, java.nio.charset.StandardCharsets.UTF_8);
        try (Pool pool = Pool.builder().processes(4).progress(ProgressListener.textBar(err)).build()) {
            pool.map(x -> { Thread.sleep(10); return x; }, inputs);
            java.nio.file.Files.writeString(dir.resolve("tasks.svg"), pool.timeline().toSvg());
        }
        org.junit.jupiter.api.Assertions.assertTrue(bar.toString(java.nio.charset.StandardCharsets.UTF_8)
                .matches("(?s)\\rmap #1 \\[\\.{30}\\] 0/200 .*\\rmap #1 \\[#{30}\\] 200/200 .* done\n"), bar.toString());
        org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.readString(dir.resolve("tasks.svg"))
                .contains("class=\"mp4j-timeline\""));
    }

    @Test
    @Timeout(300) // two node JVMs start; on a loaded 2-CPU machine that alone can take a minute
    void scalingOut() throws Exception {
        try (Cluster cluster = Cluster.startLocal(2);
             Pool pool = Pool.on(cluster);
             Manager manager = Manager.on(cluster)) {
            DictProxy<String, Integer> d = manager.dict(Map.of("count", 100));
            pool.map(i -> d.compute("count", (k, v) -> v - 1), IntStream.range(0, 100).boxed().toList());
            assertEquals("{count=0}", d.toString());
        }
    }
}
