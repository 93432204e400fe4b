/**
 * The mp4j Jupyter kernel: JShell on basekernel, evaluating cells in the kernel's own JVM so that
 * pools, managers and processes created in cells are live objects for later cells and magics.
 *
 * <p>Layout: {@link io.github.mp4j.kernel.KernelMain} (entry point and {@code install}),
 * {@link io.github.mp4j.kernel.Mp4jKernel} (message handling), {@code execution/} (the JShell
 * wrapper: live results, errors, interrupt, completion), {@code magics/} (parser, registry, one class
 * per magic family), {@code runtime/} (the static API cell code calls: {@code display},
 * {@code updateDisplay}, {@code clearOutput}, inline magics). What mp4j brings to any notebook
 * kernel (magics, renderers, live pool tables, top-level variables) is shared with JJava and IJava
 * through {@code io.github.mp4j.notebook}.
 *
 * <p>Threads. basekernel runs a <em>shell</em> thread (execute, complete, inspect, is_complete,
 * history, kernel_info) and a <em>control</em> thread (interrupt, shutdown with newer clients).
 * Each snippet runs on a fresh <em>cell</em> thread in its own thread group, joined by the shell
 * thread; interrupt raises a stop flag for that group that the cell's woven loops poll, and
 * interrupts the thread. A flusher thread sends buffered {@code System.out}/{@code System.err} text
 * every 50 ms. Every iopub send is serialized on the iopub socket's monitor.
 *
 * <p>Output. {@code System.out} and {@code System.err} are replaced for the JVM's life: whatever
 * any thread prints, and what child JVMs print through the parent's streams, goes to the cell
 * that is running; what arrives while no cell runs is held and sent when the next cell starts.
 *
 * <p>Shutdown. On {@code shutdown_request} (also on restart) the JVM exits, so the library's
 * shutdown hooks end every child JVM the kernel started.
 */
package io.github.mp4j.kernel;
