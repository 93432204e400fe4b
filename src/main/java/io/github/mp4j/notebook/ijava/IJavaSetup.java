package io.github.mp4j.notebook.ijava;

import io.github.mp4j.notebook.NotebookSide;

/** The IJava adapter's entry point, for {@link io.github.mp4j.notebook.Mp4j#install()}. */
public final class IJavaSetup {

    private IJavaSetup() {}

    /**
     * Installs mp4j into the running IJava kernel, whose snippet classes {@code cells} defines.
     *
     * @throws io.github.mp4j.notebook.UnsupportedHostException if no IJava kernel runs here
     */
    public static NotebookSide install(ClassLoader cells) {
        return NotebookSide.install(new IJavaHost(IJavaKernel.running(), cells));
    }
}
