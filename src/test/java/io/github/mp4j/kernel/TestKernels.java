package io.github.mp4j.kernel;

import io.github.mp4j.kernel.execution.JShellSession;
import io.github.mp4j.kernel.runtime.Display;
import io.github.mp4j.kernel.runtime.Magics;

/** A kernel without a Jupyter connection, for tests that run cells through {@link Mp4jKernel#runCell}. */
final class TestKernels {

    private TestKernels() {}

    /** A kernel over a new session; it becomes the target of the notebook runtime API. */
    static Mp4jKernel start() {
        return new Mp4jKernel(JShellSession.start());
    }

    /** Detaches the runtime API and closes the kernel's session. */
    static void stop(Mp4jKernel kernel) {
        Display.attach(null);
        Magics.attach(null);
        kernel.session().close();
    }
}
