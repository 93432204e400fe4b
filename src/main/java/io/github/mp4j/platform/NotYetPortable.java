package io.github.mp4j.platform;

import java.io.IOException;

/**
 * Thrown where a part of mp4j that has no portable form yet is used with the portable transport (see
 * {@link Transport}), before it reaches a Linux-only path: unlike a {@link LinuxOnlyPathError} on a
 * pool's worker-start thread, which would leave the pool waiting, this fails the pool's tasks with a
 * reason. {@code docs/transport.md} lists what is not portable yet.
 */
public final class NotYetPortable extends IOException {

    private static final long serialVersionUID = 1L;

    /** {@code what}: the part, named as the user knows it ("a Pool's worker pipe"). */
    public NotYetPortable(String what) {
        super(what + " has no portable form yet (issue 23): on Linux, run without -D" + Transport.PROPERTY
                + "=portable");
    }
}
