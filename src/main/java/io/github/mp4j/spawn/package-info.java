/**
 * Launching child JVMs and everything a child does before and after its task; nothing here is
 * public API (the public types are the root package's {@link io.github.mp4j.Process} and
 * {@link io.github.mp4j.StartMethod}), and any of it may change without notice.
 *
 * <h2>Implementation overview</h2>
 * <ul>
 * <li><b>Parent side.</b> {@code JvmCommand} is a child's command line (with
 *     {@link io.github.mp4j.spawn.ChildOptions} and the class data of
 *     {@link io.github.mp4j.spawn.ClassDataArchive}: an AOT cache on Java 25, an AppCDS archive
 *     before, see {@code ArchiveFormat}); {@link io.github.mp4j.spawn.ChildJvm} launches
 *     one, hands it its task and reads its status, with one thread on its
 *     {@code Control} channel and {@link io.github.mp4j.spawn.OutputPump}s for
 *     its output. {@link io.github.mp4j.spawn.WarmPool} keeps JVMs started ahead
 *     ({@code StartMethod.WARM}), trained and as many as the rate of starts needs; {@link io.github.mp4j.spawn.Children} knows every live child and
 *     ends them all when this JVM exits.
 * <li><b>Child side.</b> {@link io.github.mp4j.spawn.ChildMain} is every child's entry point: it
 *     connects to its parent, halts when the parent's end of the control channel closes, and runs
 *     the {@link io.github.mp4j.spawn.ChildTask} that a {@link io.github.mp4j.spawn.TaskMessage}
 *     brings (a process's task, a pool worker's loop, a manager's server).
 * <li><b>Protocol.</b> {@code Control}'s table lists the messages between
 *     parent and child, {@link io.github.mp4j.spawn.TaskMessage}'s the forms of a task.
 * </ul>
 */
package io.github.mp4j.spawn;
