package io.github.mp4j.shipping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.mp4j.SeparateJvm;
import io.github.mp4j.cluster.NodeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Programs run by Java's source launcher ({@code java Main.java}) run their own records and lambdas
 * in children: the launcher defines their classes in a loader of its own, which is neither the
 * system loader nor (before Java 22, or on any thread that did not inherit it) the context loader.
 */
class SourceLauncherTest {

    private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    private static final Duration BOUND = Duration.ofSeconds(150);

    /**
     * A record and lambdas in a child Process, whose result comes back through a Pipe (on the main
     * thread and on a common-pool thread, whose context loader is the system loader), a compact
     * lambda, a Pool's map over the record, and a Manager that stores the record and runs a lambda on it.
     */
    private static final String SINGLE_FILE = """
            import io.github.mp4j.Connection;
            import io.github.mp4j.DictProxy;
            import io.github.mp4j.Manager;
            import io.github.mp4j.Pipe;
            import io.github.mp4j.Pool;
            import io.github.mp4j.Process;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;

            public class Launched {
                record Point(int x, int y) implements java.io.Serializable {
                    Point swapped() { return new Point(y, x); }
                }

                static Point viaChild(int k) throws Exception {
                    Pipe pipe = Pipe.open();
                    Connection mine = pipe.conn1(), theirs = pipe.conn2();
                    Process child = new Process(() -> theirs.send(new Point(k, 2 * k)));
                    child.start();
                    theirs.close();
                    Point p = (Point) mine.recv();
                    child.join();
                    mine.close();
                    return p;
                }

                public static void main(String[] args) throws Exception {
                    System.out.println("pipe " + viaChild(7));
                    System.out.println("from another thread " + CompletableFuture.supplyAsync(() -> {
                        try {
                            return viaChild(5);
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                    }).get());
                    Process exits = new Process(() -> System.exit(new Point(3, 4).y()));
                    exits.start();
                    exits.join();
                    System.out.println("exit code " + exits.exitCode());
                    try (Pool pool = new Pool(2)) {
                        System.out.println("pool " + pool.map(Point::swapped, List.of(new Point(1, 2), new Point(3, 4))));
                    }
                    try (Manager manager = Manager.start()) {
                        DictProxy<String, Point> d = manager.dict();
                        d.put("p", new Point(1, 2));
                        d.compute("p", (key, p) -> p.swapped());
                        System.out.println("manager " + d.get("p"));
                    }
                }
            }
            """;

    private static final List<String> SINGLE_FILE_PRINTS = List.of("pipe Point[x=7, y=14]",
            "from another thread Point[x=5, y=10]", "exit code 4", "pool [Point[x=2, y=1], Point[x=4, y=3]]",
            "manager Point[x=2, y=1]");

    /**
     * A program that only sends a record of its own through a Pipe to itself, with no task shipped
     * before: a common-pool thread, whose context loader is the system loader, still reads it.
     */
    private static final String PIPE_ONLY = """
            import io.github.mp4j.Connection;
            import io.github.mp4j.Pipe;
            import java.util.concurrent.CompletableFuture;

            public class PipeOnly {
                record Point(int x, int y) implements java.io.Serializable {}

                public static void main(String[] args) throws Exception {
                    Pipe pipe = Pipe.open();
                    Connection mine = pipe.conn1(), theirs = pipe.conn2();
                    theirs.send(new Point(1, 2));
                    System.out.println("read on another thread " + CompletableFuture.supplyAsync(() -> {
                        try {
                            return mine.recv();
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                    }).get());
                }
            }
            """;

    /**
     * A program in two files (Java 22+): the workers use a class of the second file that the parent
     * never loaded, which the launcher compiles only when it is first asked for.
     */
    private static final String MAIN = """
            import io.github.mp4j.Pool;
            import java.util.List;

            public class Main {
                public static void main(String[] args) throws Exception {
                    try (Pool pool = new Pool(2)) {
                        System.out.println("areas " + pool.map(side -> Geometry.area(side), List.of(2, 3)));
                        System.out.println("square " + pool.apply(() -> new Geometry.Square(3)));
                    }
                }
            }
            """;

    private static final String GEOMETRY = """
            final class Geometry {
                record Square(int side) implements java.io.Serializable {}

                static int area(int side) { return new Square(side).side() * side; }
            }
            """;

    /** A pool on a one-node local Ignite cluster, whose results are read on a thread of Ignite's. */
    private static final String ON_A_CLUSTER = """
            import io.github.mp4j.Cluster;
            import io.github.mp4j.Pool;
            import java.util.List;

            public class OnACluster {
                record Point(int x, int y) implements java.io.Serializable {
                    Point swapped() { return new Point(y, x); }
                }

                public static void main(String[] args) throws Exception {
                    try (Cluster cluster = Cluster.startLocal(1); Pool pool = Pool.on(cluster)) {
                        System.out.println("cluster pool " + pool.map(Point::swapped, List.of(new Point(1, 2))));
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aSingleFileProgramRunsItsRecordAndLambdasInChildrenOnThisJava() throws Exception {
        assertPrints(SeparateJvm.java(), write("Launched.java", SINGLE_FILE), SINGLE_FILE_PRINTS);
    }

    @Test
    void aSingleFileProgramRunsItsRecordAndLambdasInChildrenOnJava25() throws Exception {
        assumeTrue(Files.isExecutable(TEMURIN_25), TEMURIN_25 + " is not installed");
        assertPrints(TEMURIN_25.toString(), write("Launched.java", SINGLE_FILE), SINGLE_FILE_PRINTS);
    }

    @Test
    void aProgramThatOnlySendsMessagesResolvesItsOwnClassesOnAnyThread() throws Exception {
        assertPrints(SeparateJvm.java(), write("PipeOnly.java", PIPE_ONLY), List.of("read on another thread Point[x=1, y=2]"));
    }

    @Test
    void aMultiFileProgramRunsClassesOfItsOtherFilesInChildrenOnJava25() throws Exception {
        assumeTrue(Files.isExecutable(TEMURIN_25), TEMURIN_25 + " is not installed");
        write("Geometry.java", GEOMETRY);
        assertPrints(TEMURIN_25.toString(), write("Main.java", MAIN), List.of("areas [4, 9]", "square Square[side=3]"));
    }

    @Test
    void aSingleFileProgramRunsItsRecordOnAClusterPool() throws Exception {
        List<String> command = new ArrayList<>(List.of(SeparateJvm.java()));
        command.addAll(NodeConfig.jvmOptions());
        assertPrints(command, write("OnACluster.java", ON_A_CLUSTER), List.of("cluster pool [Point[x=2, y=1]]"));
    }

    private Path write(String name, String source) throws IOException {
        return Files.writeString(dir.resolve(name), source);
    }

    private static void assertPrints(String java, Path program, List<String> lines) throws Exception {
        assertPrints(List.of(java), program, lines);
    }

    /** Runs {@code java [options] -cp <mp4j and its dependencies> program} and checks what it prints. */
    private static void assertPrints(List<String> javaAndOptions, Path program, List<String> lines) throws Exception {
        List<String> command = new ArrayList<>(javaAndOptions);
        command.addAll(List.of("-cp", SeparateJvm.classPath(entry -> !entry.endsWith("test-classes")), program.toString()));
        SeparateJvm.Ended run = SeparateJvm.run(command, BOUND);
        assertEquals(0, run.exitStatus(), run.toString());
        for (String line : lines) {
            assertTrue(run.output().lines().anyMatch(line::equals), "no line '" + line + "' in " + run);
        }
    }
}
