package io.github.mp4j;

import io.github.mp4j.display.Comparison;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A plain program using mp4j as a library, for {@link LibraryJarIT}: it runs with mp4j's jar and
 * its own classes as its whole class path, so it may name nothing but the JDK and mp4j. It prints
 * one line per result.
 */
public final class LibraryProgram {

    private LibraryProgram() {}

    public static void main(String[] args) throws Exception {
        System.out.println("program class path " + System.getProperty("java.class.path"));
        Pipe pipe = Pipe.open();
        Connection parentEnd = pipe.conn1(), childEnd = pipe.conn2();
        Lock lock = new Lock();
        Queue queue = new Queue();
        Process p = new Process(() -> {
            try (Held held = lock.hold()) {
                childEnd.send(System.getProperty("java.class.path"));
            }
            queue.put(6 * 7);
        });
        p.start();
        childEnd.close();
        System.out.println("process class path " + parentEnd.recv());
        System.out.println("queue " + queue.get(Duration.ofSeconds(60)));
        p.join();
        System.out.println("process exit code " + p.exitCode());

        try (Pool pool = new Pool(2)) {
            System.out.println("pool " + pool.map(x -> x * x, List.of(1, 2, 3)));
            System.out.println("worker class path " + pool.apply(() -> System.getProperty("java.class.path")));
        }
        try (Manager manager = Manager.start()) {
            DictProxy<String, Integer> d = manager.dict(Map.of("n", 1));
            d.merge("n", 1, Integer::sum);
            System.out.println("manager " + d);
        }

        Comparison c = new Comparison(List.of(new Comparison.Section("a", List.of(1L)),
                new Comparison.Section("b", List.of(3L))));
        System.out.println("comparison html " + c.toHtml().contains("<table"));
        try {
            c.toJson();
            System.out.println("comparison json without Jackson?!");
        } catch (IllegalStateException e) {
            System.out.println("comparison json: " + e.getMessage());
        }
    }
}
