package io.github.mp4j;

import java.util.concurrent.atomic.AtomicBoolean;

/** The {@link Held} that {@code hold()} returns: releases on the first {@code close()} only. */
final class ReleaseOnce implements Held {

    private final Runnable release;
    private final AtomicBoolean released = new AtomicBoolean();

    ReleaseOnce(Runnable release) {
        this.release = release;
    }

    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            release.run();
        }
    }
}
