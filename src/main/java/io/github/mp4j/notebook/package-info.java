/**
 * mp4j's notebook side, shared by every Jupyter kernel that runs JShell in its own JVM: mp4j's own
 * kernel ({@code io.github.mp4j.kernel}), JJava (an extension, {@code notebook.jjava}) and IJava
 * ({@link io.github.mp4j.notebook.Mp4j#install()}, {@code notebook.ijava}). Internal, except
 * {@link io.github.mp4j.notebook.Mp4j}, the one call a notebook makes.
 *
 * <p>Layout: {@link io.github.mp4j.notebook.NotebookSide} installs mp4j into a host through its
 * {@link io.github.mp4j.notebook.NotebookHost} adapter; the parts it installs, which mp4j's own
 * kernel uses too, are the magics of {@link io.github.mp4j.kernel.magics.Mp4jMagics}, the renderers
 * of {@link io.github.mp4j.notebook.HtmlView}, the live pool tables of
 * {@link io.github.mp4j.notebook.PoolViews}, the snapshot of top-level variables of
 * {@link io.github.mp4j.notebook.TopLevelVariables} and the imports of
 * {@link io.github.mp4j.kernel.execution.StartupImports}.
 *
 * <p>Dependencies: nothing beyond mp4j and the JDK's {@code jdk.jshell} at run time; an adapter uses
 * the types of its host kernel, which that kernel supplies ({@code provided}/optional in the POM),
 * and is loaded only inside it.
 */
package io.github.mp4j.notebook;
