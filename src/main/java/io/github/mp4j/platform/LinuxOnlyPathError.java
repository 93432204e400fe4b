package io.github.mp4j.platform;

/**
 * Thrown where the portable transport (see {@link Transport}) was about to touch something only Linux
 * has: {@code /proc}, {@code /dev/shm} or a {@code mkfifo} process. It signals a path that still
 * needs a portable form, a bug and not a condition to handle, hence an {@link Error}: the
 * {@code catch (IOException | RuntimeException e)} that tolerates a missing file must not swallow it.
 */
public final class LinuxOnlyPathError extends Error {

    private static final long serialVersionUID = 1L;

    LinuxOnlyPathError(String what) {
        super(what + " is Linux-only, and this JVM runs the portable transport (-D" + Transport.PROPERTY
                + "=portable, or not on Linux)");
    }
}
