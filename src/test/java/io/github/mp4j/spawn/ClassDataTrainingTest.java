package io.github.mp4j.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mp4j.SeparateJvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The class-data training run of {@link ClassDataArchive}, run as the parent runs it. */
class ClassDataTrainingTest {

    /**
     * The training run rebuilds a Process's bootstrap from its parts as a child does; it must keep
     * up with the parts the bootstrap has, or every training fails and no archive is made.
     */
    @Test
    void theTrainingRunRehearsesAChildsPathsAndExitsZero() throws Exception {
        SeparateJvm.Ended run = SeparateJvm.run(List.of(SeparateJvm.java(), "-cp", SeparateJvm.classPath(e -> true),
                ChildMain.class.getName(), ClassDataArchive.TRAIN), Duration.ofSeconds(60));
        assertEquals(0, run.exitStatus(), run.toString());
    }

    /**
     * A warm manager start loads its server's classes after the hand-out, so the archive must hold
     * them: the training serves a manager and makes a socket connection. Without that, a warm server
     * read some 50 classes from the jar (the shared-type table among them) and started slower.
     */
    @Test
    void theTrainingRunLoadsAManagerServersAndASocketConnectionsClasses() throws Exception {
        SeparateJvm.Ended run = SeparateJvm.run(List.of(SeparateJvm.java(), "-Xlog:class+load=info", "-cp",
                SeparateJvm.classPath(e -> true), ChildMain.class.getName(), ClassDataArchive.TRAIN),
                Duration.ofSeconds(60));
        assertEquals(0, run.exitStatus(), run.toString());
        for (String loaded : List.of("io.github.mp4j.manager.RpcServer", "io.github.mp4j.manager.SharedType$DictMethod",
                "io.github.mp4j.manager.DictReferent", "io.github.mp4j.wire.Handshake", "io.github.mp4j.wire.SocketEndpoint")) {
            assertTrue(run.output().contains(" " + loaded + " "), loaded + " not loaded by the training run");
        }
    }
}
