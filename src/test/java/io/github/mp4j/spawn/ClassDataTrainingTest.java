package io.github.mp4j.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
